// DELETE ?compensate=true while the saga's cluster create is still in flight: terminating the saga cannot
// stop that activity, so the undo sweeps again after the late-write window and removes what landed.
// The cluster PUT is held in the emulator (heldDelays) until the undo's first pass is over, so the write
// lands late by construction, not by wall-clock luck.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { heldDelays } from "../../support/heldDelays.js";
import { eventually, startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { idsFor, requestFor, resourcesOf } from "../../support/provisioningScenario.js";
import { TYPES } from "../../support/testIds.js";

vi.mock("node:timers/promises", async (importOriginal) => (await import("../../support/heldDelays.js")).withHeldSetTimeout(await importOriginal()));

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
});
afterAll(() => world.dispose());

const clusterPuts = () => world.emulator.requests().requests.filter((r) => r.method === "PUT" && r.path.endsWith("/cassandraClusters/cass-late"));

describe("undo while a create is in flight", () => {
  it("deletes the cluster whose PUT landed after the undo's first pass", async () => {
    const ids = idsFor("cass-late");
    world.emulator.addFault({ match: { method: "PUT", pathPattern: "cassandraClusters/cass-late$" }, response: { delayMs: 1 }, times: 1 });
    expect((await world.api("POST", "/api/provisionings", requestFor("cass-late", "10.20.3.40"))).status).toBe(202);
    // The cluster PUT has reached the emulator and is held there: the saga's ensureCluster is in flight.
    const put = await heldDelays.next();
    expect(clusterPuts()).toEqual([]);

    const stop = await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=true`);
    expect(stop.status).toBe(202);
    const undoStep = () => (world.runtime.status(ids.undo)?.customStatus as { step?: string } | null | undefined)?.step;
    await eventually(() => undoStep() === "sweeping", "the undo's first pass to end");
    // The first pass found nothing to delete: the cluster did not exist yet.
    expect(world.runtime.status(ids.undo)?.customStatus).toMatchObject({
      compensation: expect.arrayContaining([{ action: "delete cluster cass-late", outcome: "absent" }]),
    });
    expect(resourcesOf(world, "cass-late")).toEqual([]);

    // Now the held PUT goes through: the cluster appears behind the undo's back.
    put.release();
    await eventually(() => clusterPuts().length > 0, "the held-back PUT to be answered");
    expect(clusterPuts().map((r) => r.status)).toEqual([201]);
    expect(resourcesOf(world, "cass-late")).toContain(`${TYPES.cluster} cass-late`);

    const undo = await world.runtime.waitForCompletion(ids.undo);
    expect(undo.runtimeStatus).toBe("Completed");
    expect((undo.output as { lateWrites?: Array<{ action: string; outcome: string }> }).lateWrites)
      .toEqual([{ action: "delete cluster cass-late", outcome: "deleted" }]);
    expect(resourcesOf(world, "cass-late")).toEqual([]);
  });
});
