// Trust writes the cluster does not show. A write that never lands (the PATCH answered, the list unchanged, the
// cluster Succeeded) is read back with backoff until the read-back's retries are spent, then the rotation fails as
// transient and rolls back: OPERATION_TIMEOUT bounds an update still running, not a write that is not visible. An
// update that reads Updating past OPERATION_TIMEOUT is given up on, and the rollback writes the list it computed even
// though the cluster seemed to show it already: that read is not to be trusted (azure-rest-api-specs #19021).
import { caNameOf } from "../../support/testIds.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { clusterPathPattern, rollbackChecks } from "../../support/rollbackChecks.js";
import { clusterOf, provisionCluster, requestRotation, rotate, stepOf } from "../../support/rotationScenario.js";

const CLUSTER = "cass-demo";
const CLUSTER_PATH = clusterPathPattern(CLUSTER);

let world: LocalWorld;
beforeAll(async () => {
  // A cluster update still running is given up on after a minute (default: three hours).
  world = await startLocalWorld({ env: { OPERATION_TIMEOUT: "PT1M" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

const { snapshot, expectRolledBack } = rollbackChecks(() => world, CLUSTER);

describe("trust writes the cluster does not show", () => {
  it("the cluster update never takes effect (answered 200, list unchanged): the read-back gives up after its retries and rolls back", async () => {
    const before = await snapshot();
    const unchanged = structuredClone(clusterOf(world, CLUSTER));
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: CLUSTER_PATH }, response: { status: 200, body: unchanged }, times: 1 });
    const startedAt = world.clock.now();
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    // The cluster says Succeeded without the new CA: read again 15 s, 30 s, then every 60 s (8 reads), then fail as
    // transient (a later run writes again), not after OPERATION_TIMEOUT, which bounds an operation still running.
    const created = await expectRolledBack(before, done,
      /trustNewCa: Activity function 'readClusterTrust' failed: transient: read cluster trust failed \(WriteNotVisible\)/);
    expect(String(done.output))
      .toMatch(/cluster cass-demo reports Succeeded but does not show the client certificates written yet \(missing: [0-9A-F]{8}; not written: none\)/);
    expect(created).toEqual([`${caNameOf(CLUSTER)}/bootstrap`, `${caNameOf(CLUSTER)}/failed`]);
    expect(world.clock.now() - startedAt).toBeGreaterThanOrEqual(345_000);
    // The reads between the lost write and the rollback's own read, seconds apart: the backoff, then the cap.
    const onCluster = world.emulator.requests().requests.filter((r) => Date.parse(r.time) >= startedAt && new RegExp(CLUSTER_PATH).test(r.path));
    const [write, undo] = onCluster.flatMap((r, i) => (r.method === "PATCH" ? [i] : []));
    const reads = onCluster.slice(write! + 1, undo! - 1).map((r) => Date.parse(r.time));
    expect(reads.slice(1).map((t, i) => Math.round((t - reads[i]!) / 1000))).toEqual([15, 30, 60, 60, 60, 60, 60]);
  });

  it("the cluster reads Updating with its old list past OPERATION_TIMEOUT: gives up, and the rollback writes the list it read anyway", async () => {
    const before = await snapshot();
    const updating = structuredClone(clusterOf(world, CLUSTER));
    updating.properties.provisioningState = "Updating";
    // Every GET shows the update still running with the list from before it, until the rollback has begun: the
    // rollback reads the old list, which looks undone already, and must still write it (the new CA did land).
    world.emulator.addFault({ match: { method: "GET", pathPattern: CLUSTER_PATH }, response: { status: 200, body: updating } });
    const startedAt = world.clock.now();
    const started = await requestRotation(world, CLUSTER, { scope: "ca" });
    await world.runUntil(() => stepOf(world, started.id) === "rollback");
    world.emulator.clearFaults();
    const done = await world.runtime.waitForCompletion(started.id);
    const created = await expectRolledBack(before, done, /trustNewCa: gave up waiting for cluster cass-demo to apply its new client certificates after 60 s/);
    expect(created).toEqual([`${caNameOf(CLUSTER)}/bootstrap`, `${caNameOf(CLUSTER)}/failed`]);
    expect(world.clock.now() - startedAt).toBeGreaterThanOrEqual(60_000);
    const patches = world.emulator.requests().requests
      .filter((r) => r.method === "PATCH" && Date.parse(r.time) >= startedAt && new RegExp(CLUSTER_PATH).test(r.path));
    expect(patches.map((r) => r.status)).toEqual([202, 202]);
  });
});
