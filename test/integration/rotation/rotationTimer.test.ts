// The rotation timer over a fleet: every cluster tagged managed-by gets a check through one fleet orchestration,
// at most ROTATION_MAX_CONCURRENCY at a time; clusters whose provisioning or rotation is running are skipped (they
// have their one writer), untagged clusters are never touched, and one cluster's failure does not stop the others.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoProvisioningRequest } from "../../../local/appEnvironment.js";
import { createCluster as createManagedCluster, RotationTracker } from "../../support/fleetClusters.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  certificatesOf, fireRotationTimer, invariantViolations, provisionCluster, rotationsPath, stepOf, trustEntries, withStage,
} from "../../support/rotationScenario.js";
import { clusterIdOf, provisioningIdOf, rotationIdOf } from "../../support/testIds.js";

const BUSY = "cass-demo";
const PROVISIONING = "cass-prov";
const FAILING = "cass-nodc";
const HEALTHY = ["cass-t1", "cass-t2", "cass-t3"];
const UNTAGGED = "cass-other";

let world: LocalWorld;
/** Fleet rotations (not the busy cluster's own) active at once, sampled on every instance change. */
const rotations = new RotationTracker(() => world.clock.now(), new Set([rotationIdOf(BUSY)]));
const createCluster = (name: string, options: { tagged: boolean; datacenter: boolean }) => createManagedCluster(world, name, options);

beforeAll(async () => {
  world = await startLocalWorld({ env: { ROTATION_MAX_CONCURRENCY: "2", CA_RETIRE_GRACE: "PT10M" }, runtime: { onProgress: rotations.onProgress } });
  await provisionCluster(world, BUSY, "10.20.3.10");
  // Provisioning that waits for its endpoint's approval: its cluster exists and is tagged, its saga is the writer.
  const request = demoProvisioningRequest(PROVISIONING) as Record<string, any>;
  expect((await world.api("POST", "/api/provisionings", { ...request, privateEndpoint: { ...request.privateEndpoint, ipAddress: "10.20.3.20" } })).status).toBe(202);
  await world.runUntil(() => world.emulator.resources().some((r) => r.name === `${PROVISIONING}-pe`));
  await createCluster(FAILING, { tagged: true, datacenter: false });
  for (const name of HEALTHY) await createCluster(name, { tagged: true, datacenter: true });
  await createCluster(UNTAGGED, { tagged: false, datacenter: true });
});
afterAll(() => world.dispose());

describe("rotation timer", () => {
  it("checks every managed cluster once, two at a time, skipping busy ones, and a failure does not stop the others", async () => {
    // The busy cluster's CA rotation ends after promoting; when its grace is over the waker starts the retire run,
    // which is busy writing the cluster while the timer fires.
    const busy = await world.api("POST", rotationsPath(BUSY), { scope: "ca" });
    expect(busy.status).toBe(202);
    await world.runUntil(() => stepOf(world, busy.body.id) === "retireOldCa");
    expect(world.runtime.status(provisioningIdOf(PROVISIONING))?.runtimeStatus).toBe("Running");

    const fleet = await fireRotationTimer(world);

    expect(fleet.runtimeStatus).toBe("Completed");
    expect(fleet.output).toEqual({ total: 4, done: 3, failed: 1, actions: { rotateCa: 3 }, peakConcurrent: 2, failuresNotListed: 0,
      failures: [{ cluster: clusterIdOf(FAILING), error: expect.stringMatching(/reports no nodes/) }] });
    expect(fleet.customStatus).toEqual({ step: "done", done: 3, running: 0, failed: 1, queued: 0, total: 4 });
    expect(rotations.peak).toBe(2);

    for (const name of HEALTHY) expect(await invariantViolations(world, name), name).toEqual([]);
    for (const name of HEALTHY) expect(withStage((await certificatesOf(world, name)).clients.app ?? [], "current"), name).toHaveLength(1);
    const failing = await certificatesOf(world, FAILING);
    expect(withStage(failing.ca, "current")).toEqual([]);
    expect(withStage(failing.ca, "failed")).toHaveLength(1);
    expect(trustEntries(world, FAILING)).toEqual([]);
    expect(await certificatesOf(world, UNTAGGED)).toEqual({ ca: [], clients: {} });
    expect(await certificatesOf(world, PROVISIONING)).toEqual({ ca: [], clients: {} });
    expect(world.runtime.status(rotationIdOf(UNTAGGED))).toBeUndefined();
    expect(world.runtime.status(rotationIdOf(PROVISIONING))).toBeUndefined();

    // The busy cluster's own rotation was neither replaced nor joined; it finishes on its own.
    expect(world.runtime.history(rotationIdOf(BUSY)).filter((e) => e.EventType === 0)).toHaveLength(1);
    const busyDone = await world.runtime.waitForCompletion(rotationIdOf(BUSY));
    expect(busyDone.runtimeStatus, JSON.stringify(busyDone.output)).toBe("Completed");
    expect(busyDone.output).toMatchObject({ action: "retireCa" });
  });

  it("a second tick with nothing due decides none everywhere, writes nothing and lists the vault once", async () => {
    const writesBefore = world.emulator.requests().requests.filter((r) => r.method !== "GET").length;
    const requestsBefore = world.emulator.requests().requests.length;
    const fleet = await fireRotationTimer(world);
    // The timer's listing serves every rotation of the tick: each reads only its own certificates (O(N), not O(N²)).
    const listings = world.emulator.requests().requests.slice(requestsBefore)
      .filter((r) => r.service === "keyvault" && r.method === "GET" && /^\/certificates\/?$/i.test(r.path));
    expect(listings, "vault listings in one tick").toHaveLength(1);
    const outcome = fleet.output as { actions: Record<string, number>; failures: Array<{ cluster: string }> };
    // The failing cluster's first issuance failed: its failed CA version carries the backoff, so this tick skips it
    // instead of leaving one more failed CA version per tick.
    expect(outcome).toMatchObject({ actions: { none: 5 }, failures: [] });
    const writes = world.emulator.requests().requests.filter((r) => r.method !== "GET").slice(writesBefore);
    expect(writes).toEqual([]);
    expect(withStage((await certificatesOf(world, FAILING)).ca, "failed"), "failed CA versions after two ticks").toHaveLength(1);
    const route = await world.api("GET", `${rotationsPath(FAILING).replace(/\/rotations$/, "")}/certificates`);
    expect(route.body.backoff).toEqual({ failures: 1, lastFailure: expect.stringMatching(/reports no nodes/), nextAttemptAt: expect.any(String) });
  });
});
