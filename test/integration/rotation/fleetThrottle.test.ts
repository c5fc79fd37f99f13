// The fleet under the emulator's ARM throttle (a write bucket of 3 refilled at 0.2/s, on the virtual clock): the
// fleet reads what ARM's answers say is left (x-ms-ratelimit-remaining-subscription-writes) and holds new rotations
// back on durable timers, so every cluster is rotated, none fails, and the throttle answered no 429. A 429 that
// outlasts the SDK's own retries is retried as transient and does not fail the rotation either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster, RotationTracker } from "../../support/fleetClusters.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { certificatesOf, invariantViolations, rotate, withStage } from "../../support/rotationScenario.js";
import { rotationIdOf } from "../../support/testIds.js";

const CLUSTERS = ["cass-w1", "cass-w2", "cass-w3", "cass-w4", "cass-w5", "cass-w6"];
const BUCKET = { capacity: 3, refillPerSecond: 0.2 };

let world: LocalWorld;
const rotations = new RotationTracker(() => world.clock.now());
const fleetStatuses: Array<Record<string, unknown>> = [];
const armWrites = () => world.emulator.requests().requests.filter((r) => r.service === "arm" && ["PUT", "PATCH", "POST"].includes(r.method));

beforeAll(async () => {
  world = await startLocalWorld({
    emulator: { throttle: { writes: BUCKET } },
    env: { ROTATION_MAX_CONCURRENCY: "6", ARM_WRITE_BUDGET: `${BUCKET.capacity}/${BUCKET.refillPerSecond}`, OPERATION_POLL_INTERVAL: "PT10S", CA_RETIRE_GRACE: "PT1M" },
    runtime: {
      onProgress: (event) => {
        rotations.onProgress(event);
        if (event.name === "rotateFleetPaced") fleetStatuses.push(world.runtime.status(event.instanceId)?.customStatus as Record<string, unknown>);
      },
    },
  });
  for (const name of CLUSTERS) await createCluster(world, name, { tagged: true, datacenter: true });
  await world.clock.advance(60_000); // the bucket refills to its burst before the fleet runs
  world.emulator.clearRequests();
});
afterAll(() => world.dispose());

describe("fleet rotation under ARM throttling", () => {
  it("rotates every cluster with no failure and no 429, holding rotations back while the write budget is low", async () => {
    await world.runtime.fireTimer("rotationTimer");
    const fleetId = world.instances().find((r) => r.name === "rotateFleetPaced")!.instanceId;
    const fleet = await world.runtime.waitForCompletion(fleetId);

    expect(fleet.output).toMatchObject({ total: 6, done: 6, failed: 0, actions: { rotateCa: 6 } });
    const { summary } = world.emulator.requests();
    expect(summary.throttled, "429s the emulator's throttle answered").toBe(0);
    expect(armWrites().filter((r) => r.status === 429)).toEqual([]);
    // One trust update per cluster: twice the bucket, so the fleet had to wait for it to refill.
    expect(armWrites().filter((r) => r.method === "PATCH")).toHaveLength(6);
    expect(fleetStatuses.some((s) => s && typeof s.waitingForWritesUntil === "string")).toBe(true);
    expect(rotations.peak, "rotations in flight at once").toBeLessThanOrEqual(6);
    for (const name of CLUSTERS) {
      expect(await invariantViolations(world, name), name).toEqual([]);
      expect(withStage((await certificatesOf(world, name)).ca, "current"), name).toHaveLength(1);
    }
  }, 180_000);

  it("a 429 that outlasts the SDK's retries is retried by the rotation, which completes", async () => {
    world.emulator.clearRequests();
    const throttled = { error: { code: "SubscriptionRequestsThrottled", message: "Number of 'write' requests for subscription exceeded." } };
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: `/cassandraClusters/${CLUSTERS[0]}$` }, times: 5,
      response: { status: 429, headers: { "Retry-After": "1" }, body: throttled } });
    const done = await rotate(world, CLUSTERS[0]!, { scope: "ca" });

    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "rotateCa" });
    // The SDK tries four times (one and three retries on Retry-After), then the durable retry policy takes over.
    expect(armWrites().filter((r) => r.status === 429)).toHaveLength(5);
    expect(world.runtime.status(rotationIdOf(CLUSTERS[0]!))?.runtimeStatus).toBe("Completed");
    expect(await invariantViolations(world, CLUSTERS[0]!)).toEqual([]);
  }, 60_000);
});
