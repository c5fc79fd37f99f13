// The approval wait survives a crash: a runtime killed during the wait (no Event Grid delivery, so polling alone
// decides) resumes from its state dir and finishes, resumed rather than redone (the emulator's write log is the oracle).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { decideEndpoint, idsFor, requestFor, startProvisioning, untilEnded, untilWaitingForApproval, writesTo } from "../../support/provisioningScenario.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ emulator: { eventGridUrl: undefined } });
});
afterAll(() => world.dispose());

describe("approval wait without Event Grid", () => {
  it("finishes after the runtime is killed during the wait and restarted on the same state dir", async () => {
    const name = "cass-restart";
    const ids = idsFor(name);
    await startProvisioning(world, requestFor(name, "10.20.3.24"));
    await untilWaitingForApproval(world, name);
    const before = world.runtime.status(ids.approval)!.generation;

    await world.runtime.kill();
    decideEndpoint(world, name, "Approved"); // decided while the app is down…
    await world.clock.advance(3_600_000); // …which stays down for an hour, past the next poll
    world.runtime = await world.runtime.restart();
    const restartedAt = world.clock.now();
    expect(world.resumedInstances()).toBeGreaterThanOrEqual(2);
    expect(world.runtime.status(ids.provisioning)?.runtimeStatus).toBe("Running");

    await untilEnded(world, name);
    const done = world.runtime.status(ids.provisioning)!;
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    // The overdue poll fires on start-up and finds the approval: one more check, at the restart.
    expect(world.runtime.status(ids.approval)!.generation).toBe(before + 1);
    expect((done.output as { approval: { decidedAt: string } }).approval.decidedAt).toBe(new Date(restartedAt).toISOString());
    // Resumed, not redone: one cluster create, one endpoint create, one datacenter create.
    expect(writesTo(world, `/${name}`).filter((w) => w.startsWith("PUT"))).toEqual([
      expect.stringMatching(new RegExp(`/cassandraClusters/${name}$`)),
      expect.stringMatching(new RegExp(`/privateEndpoints/${name}-pe$`)),
      expect.stringMatching(new RegExp(`/cassandraClusters/${name}/dataCenters/dc1$`)),
    ]);
  });
});
