// DELETE ?compensate=true while the saga's cluster create is still in flight: terminating the saga cannot
// stop that activity, so the undo sweeps again after the late-write window and removes what landed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { idsFor, requestFor, resourcesOf } from "../../support/provisioningScenario.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
});
afterAll(() => world.dispose());

describe("undo while a create is in flight", () => {
  it("deletes the cluster whose PUT landed after the undo's first pass", async () => {
    const ids = idsFor("cass-late");
    // The cluster PUT is held back (real time) so the activity is still running when the undo starts.
    world.emulator.addFault({ match: { method: "PUT", pathPattern: "cassandraClusters/cass-late$" }, response: { delayMs: 400 }, times: 1 });
    expect((await world.api("POST", "/api/provisionings", requestFor("cass-late", "10.20.3.40"))).status).toBe(202);
    await eventually(() => Object.values(world.runtime.status(ids.provisioning)?.execution.activities ?? {}).some((a) => a.name === "ensureCluster"), "the cluster create to be in flight");

    const stop = await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=true`);
    expect(stop.status).toBe(202);
    await eventually(() => resourcesOf(world, "cass-late").length > 0, "the held-back PUT to land");

    const undo = await world.runtime.waitForCompletion(ids.undo);
    expect(undo.runtimeStatus).toBe("Completed");
    expect((undo.output as { lateWrites?: Array<{ action: string; outcome: string }> }).lateWrites)
      .toEqual([{ action: "delete cluster cass-late", outcome: "deleted" }]);
    expect(resourcesOf(world, "cass-late")).toEqual([]);
  });
});
