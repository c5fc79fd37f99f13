// A crash while an activity's Key Vault write is under way (the write lands, its result is lost) makes the activity
// run twice; that write is held in the emulator (heldDelays) until the runtime is dead, so the crash always comes
// first. The emulator's request log and the cluster's Key Vault versions are the oracle: no second CA key is made.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { heldDelays } from "../../support/heldDelays.js";
import { eventually, startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { certificatesOf, invariantViolations, only, provisionCluster, requestRotation, withStage } from "../../support/rotationScenario.js";
import { caNameOf } from "../../support/testIds.js";

vi.mock("node:timers/promises", async (importOriginal) => (await import("../../support/heldDelays.js")).withHeldSetTimeout(await importOriginal()));

const CLUSTER = "cass-demo";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT2M" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

describe("crash and resume", () => {
  it("a crash while Key Vault makes the new CA key (the write lands, its result is lost) does not make a second key", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const createPath = `/certificates/${caNameOf(CLUSTER)}/create`;
    const creates = () => world.emulator.requests().requests.filter((r) => r.method === "POST" && r.path === createPath && r.status === 202).length;
    const createsBefore = creates();
    // The create is held in the emulator until the runtime is dead: it lands, and no one is left to hear the answer.
    world.emulator.addFault({ match: { method: "POST", pathPattern: `${createPath}$` }, response: { delayMs: 1 }, times: 1 });
    const started = await requestRotation(world, CLUSTER, { scope: "ca" });
    const create = await heldDelays.next();
    expect(creates()).toBe(createsBefore);
    await world.runtime.kill();
    create.release();
    await eventually(() => creates() > createsBefore, "the abandoned activity's create to land");
    // The dead runtime never recorded the answer: the activity is still pending in its last state.
    const pending = Object.values(world.runtime.status(started.id)?.execution.activities ?? {}).map((a) => a.name);
    expect(pending).toContain("beginCertificateVersion");
    world.runtime = await world.runtime.restart();

    const done = await world.runtime.waitForCompletion(started.id);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    const after = await certificatesOf(world, CLUSTER);
    expect(withStage(after.ca, "bootstrap").length - withStage(before.ca, "bootstrap").length).toBe(1);
    const newCa = only(after.ca, "current");
    expect(newCa.cert.verify(newCa.cert.publicKey)).toBe(true);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
