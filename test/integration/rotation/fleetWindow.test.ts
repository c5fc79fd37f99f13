// The fleet rotation's sliding window: with ROTATION_MAX_CONCURRENCY 2 and one cluster whose trust update takes an
// hour (the emulator holds that LRO InProgress), every other cluster is rotated while the slow one runs, at most
// two rotations are ever in flight, a failing cluster is counted and stops nobody, and the fleet's custom status
// carries only the counts. The rotations in flight are observed from the runtime's progress events, not from the
// fleet's own bookkeeping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster, RotationTracker } from "../../support/fleetClusters.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { certificatesOf, invariantViolations, withStage } from "../../support/rotationScenario.js";
import { clusterIdOf, rotationIdOf } from "../../support/testIds.js";

const SLOW = "cass-slow";
const FAILING = "cass-nodc";
const FAST = ["cass-f1", "cass-f2", "cass-f3", "cass-f4"];
/** Far longer than the other five rotations one after another (each about a minute at a 10 s poll interval). */
const SLOW_LRO_MS = 30 * 60_000;

let world: LocalWorld;
const rotations = new RotationTracker(() => world.clock.now());
/** Every custom status the fleet showed, sampled at each instance change. */
const statuses: Array<Record<string, unknown>> = [];
let fleetId: string | undefined;

beforeAll(async () => {
  world = await startLocalWorld({
    env: { ROTATION_MAX_CONCURRENCY: "2", OPERATION_POLL_INTERVAL: "PT10S" },
    runtime: {
      onProgress: (event) => {
        rotations.onProgress(event);
        const status = fleetId && world.runtime.status(fleetId)?.customStatus;
        if (status && JSON.stringify(status) !== JSON.stringify(statuses.at(-1))) statuses.push(status as Record<string, unknown>);
      },
    },
  });
  // Queue order is the listing order (by name): the slow cluster sorts first, so it takes a slot from the start.
  await createCluster(world, SLOW, { tagged: true, datacenter: true });
  await createCluster(world, FAILING, { tagged: true, datacenter: false });
  for (const name of FAST) await createCluster(world, name, { tagged: true, datacenter: true });
  world.emulator.addFault({ match: { method: "PATCH", pathPattern: `/cassandraClusters/${SLOW}$` }, response: { lroDelayMs: SLOW_LRO_MS }, times: 1 });
});
afterAll(() => world.dispose());

const ended = (name: string) => rotations.endedAt.get(rotationIdOf(name));

describe("fleet rotation window", () => {
  it("a slow cluster holds only its own slot: the others all finish while it runs, never more than two at once", async () => {
    await world.runtime.fireTimer("rotationTimer");
    fleetId = world.instances().find((r) => r.name === "rotateFleetPaced")?.instanceId;
    expect(fleetId, "the fleet run the timer started").toBeDefined();

    await world.runUntil(() => FAST.every((name) => ended(name) !== undefined) && ended(FAILING) !== undefined);
    expect(world.runtime.status(rotationIdOf(SLOW))?.runtimeStatus, "the slow cluster's rotation").toBe("Running");
    await world.runUntil(() => (world.runtime.status(fleetId!)?.customStatus as { done?: number } | undefined)?.done === FAST.length);
    expect(world.runtime.status(fleetId!)?.customStatus).toEqual({ step: "rotating", done: 4, running: 1, failed: 1, queued: 0, total: 6 });

    const fleet = await world.runtime.waitForCompletion(fleetId!);
    expect(fleet.runtimeStatus).toBe("Completed");
    for (const name of FAST) expect(ended(name)!, name).toBeLessThan(ended(SLOW)!);
    expect(rotations.peak).toBe(2);
    expect(fleet.output).toEqual({ total: 6, done: 5, failed: 1, actions: { rotateCa: 5 }, peakConcurrent: 2, failuresNotListed: 0,
      failures: [{ cluster: clusterIdOf(FAILING), error: expect.stringMatching(/reports no nodes/) }] });
    for (const name of [SLOW, ...FAST]) {
      expect(await invariantViolations(world, name), name).toEqual([]);
      expect(withStage((await certificatesOf(world, name)).ca, "current"), name).toHaveLength(1);
    }
  }, 180_000);

  it("shows counts only in its custom status, always adding up to the fleet and within the window", () => {
    expect(statuses.length).toBeGreaterThan(3);
    for (const status of statuses) {
      expect(Object.keys(status).filter((k) => k !== "waitingForWritesUntil").sort()).toEqual(["done", "failed", "queued", "running", "step", "total"]);
      const { done, running, failed, queued, total } = status as { done: number; running: number; failed: number; queued: number; total: number };
      expect(done + running + failed + queued).toBe(total);
      expect(running).toBeLessThanOrEqual(2);
      expect(JSON.stringify(status).length).toBeLessThan(4096);
    }
    expect(statuses.at(-1)).toEqual({ step: "done", done: 5, running: 0, failed: 1, queued: 0, total: 6 });
  });
});
