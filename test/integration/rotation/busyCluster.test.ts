// A trust write the cluster refuses with 409 (another operation holds it) waits for the cluster to settle and is sent
// again (orchestration version 4, orchestrations/trustWrite.ts): up to version 3 the step failed and the rollback's
// own write met the same 409. The writes are counted from the emulator's request log, not from the app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { certificatesOf, invariantViolations, only, provisionCluster, rotate, settleNodes, trustedThumbprints } from "../../support/rotationScenario.js";

const CLUSTER = "cass-busy";
const write = { method: "PATCH", pathPattern: `/cassandraClusters/${CLUSTER}$` };
const conflict = { status: 409, body: { error: { code: "Conflict", message: "Operation on cluster is in progress" } } };
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT1M" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

const patchesSince = (from: number) => world.emulator.requests().requests.slice(from)
  .filter((r) => r.method === "PATCH" && r.path.endsWith(`/cassandraClusters/${CLUSTER}`)).map((r) => r.status);

describe("a trust write while another operation holds the cluster", () => {
  it("waits for the cluster and writes again: the CA rotation completes", async () => {
    const before = world.emulator.requests().requests.length;
    world.emulator.addFault({ match: write, response: conflict, times: 2 });
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(patchesSince(before)).toEqual([409, 409, 202]);
    const ca = only((await certificatesOf(world, CLUSTER)).ca, "current");
    expect(trustedThumbprints(world, CLUSTER)).toContain(ca.thumbprint);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });

  it("gives up after three refused writes, names the conflict, and keeps the invariant", async () => {
    const before = world.emulator.requests().requests.length;
    const trusted = trustedThumbprints(world, CLUSTER);
    world.emulator.addFault({ match: write, response: conflict });
    const failed = await rotate(world, CLUSTER, { scope: "ca" });
    world.emulator.clearFaults();
    expect(failed.runtimeStatus).toBe("Failed");
    expect(String(failed.output)).toContain("409 Conflict");
    // Three forward writes, then the rollback's three: nothing was written, the trust list is as it was.
    expect(patchesSince(before)).toEqual([409, 409, 409, 409, 409, 409]);
    expect(trustedThumbprints(world, CLUSTER)).toEqual(trusted);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
