// The fleet's window and write pacing as pure functions: what starts, what waits and until when, what the counts say.
import { describe, expect, it } from "vitest";
import { estimatedRemaining, mergeBudgets, msUntilBudget } from "../../../src/domain/armWriteBudget.js";
import { admit, fleetOutcome, fleetState, fleetStatus, recordReadings, recordStarts, type FleetState } from "../../../src/domain/fleetWindow.js";
import { pendingTrustWrites } from "../../../src/domain/pendingTrustWrites.js";
import type { ClusterRef } from "../../../src/domain/ids.js";
import type { RotationSettings } from "../../../src/domain/rotationPlan.js";

const limits = { burst: 10, refillPerSecond: 2 };
const cluster = (subscriptionId: string, name: string): ClusterRef => ({ subscriptionId, resourceGroup: "rg", clusterName: name });
const settings = {} as RotationSettings;
const fleet = (clusters: ClusterRef[], maxConcurrency: number): FleetState =>
  fleetState({ clusters, settings, reason: "test", maxConcurrency, writeBudget: limits });

describe("ARM write budget estimate", () => {
  it.each([
    ["no reading: the full burst", undefined, 0, 10],
    ["refilled since the reading", { remaining: 1, observedAt: 0 }, 2_000, 5],
    ["never above the burst", { remaining: 9, observedAt: 0 }, 60_000, 10],
    ["nothing while a 429's Retry-After runs", { remaining: 0, observedAt: 0, retryAfterUntil: 5_000 }, 4_000, 0],
  ])("%s", (_, reading, now, expected) => {
    expect(estimatedRemaining(reading, limits, now)).toBe(expected);
  });

  it("waits until the bucket holds what is needed, Retry-After first", () => {
    expect(msUntilBudget({ remaining: 0, observedAt: 0 }, limits, 0, 3)).toBe(1_500);
    expect(msUntilBudget({ remaining: 5, observedAt: 0 }, limits, 0, 3)).toBe(0);
    expect(msUntilBudget({ remaining: 0, observedAt: 0, retryAfterUntil: 1_000 }, limits, 0, 1)).toBe(1_000);
  });

  it("keeps the newer reading of each subscription", () => {
    const older = { remaining: 3, observedAt: 1 };
    const newer = { remaining: 1, observedAt: 2 };
    expect(mergeBudgets({ a: newer }, { a: older, b: older })).toEqual({ a: newer, b: older });
  });
});

describe("fleet window", () => {
  it("starts up to maxConcurrency in queue order, and more as slots free", () => {
    const clusters = ["c1", "c2", "c3"].map((n) => cluster("s1", n));
    let state = fleet(clusters, 2);
    const first = admit(state, 0);
    expect(first.start.map((c) => c.clusterName)).toEqual(["c1", "c2"]);
    state = recordStarts(state, first.start, [{ instanceId: "r1", createdTime: "t" }, { error: "blocked" }], {});
    expect(fleetStatus(state, first)).toEqual({ step: "rotating", done: 0, running: 1, failed: 1, queued: 1, total: 3 });
    expect(admit(state, 0).start.map((c) => c.clusterName)).toEqual(["c3"]);
    state = recordReadings(state, [{ state: "completed", action: "rotateCa" }], {});
    expect(fleetOutcome(state)).toMatchObject({ done: 1, failed: 1, actions: { rotateCa: 1 }, failures: [{ cluster: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.DocumentDB/cassandraClusters/c2", error: "blocked" }] });
  });

  it("holds a subscription short of writes back until it refills, while another subscription goes ahead", () => {
    const state = { ...fleet([cluster("s1", "a1"), cluster("s1", "a2"), cluster("s2", "b1")], 3),
      budgets: { s1: { remaining: 1, observedAt: 0 } } };
    const admission = admit(state, 0);
    // s1 has one write: one rotation of it may start, the next needs two; s2 has never been written to.
    expect(admission.start.map((c) => c.clusterName)).toEqual(["a1", "b1"]);
    expect(admission.budgetAt).toBe(500);
    expect(fleetStatus(state, admission).waitingForWritesUntil).toBe(new Date(500).toISOString());
  });

  it("lists at most 20 failures and counts the rest", () => {
    const clusters = Array.from({ length: 25 }, (_, i) => cluster("s1", `c${i}`));
    const state = recordStarts(fleet(clusters, 50), clusters, clusters.map(() => ({ error: "no" })), {});
    expect(fleetOutcome(state)).toMatchObject({ failed: 25, failuresNotListed: 5 });
    expect(fleetOutcome(state).failures).toHaveLength(20);
  });
});

describe("trust writes a running rotation may still make", () => {
  it.each([
    ["not read yet", undefined, 1],
    ["deciding", ["decide"], 1],
    ["a client renewal", ["decide", "issueClients", "verify"], 0],
    ["a CA rotation before its trust change", ["decide", "createCa"], 1],
    ["a CA rotation between its trust changes", ["decide", "createCa", "trustNewCa", "issueClients", "verify", "promote"], 0],
    ["a CA rotation waiting to retire the old CA", ["decide", "createCa", "trustNewCa", "issueClients", "verify", "promote", "retireOldCa"], 1],
    ["a CA rotation past its retire", ["decide", "createCa", "trustNewCa", "issueClients", "verify", "promote", "retireOldCa", "verifyAfterRetire"], 0],
    ["rolling back", ["decide", "createCa", "trustNewCa", "rollback"], 1],
  ])("%s", (_, steps, expected) => {
    expect(pendingTrustWrites(steps)).toBe(expected);
  });

  it("holds back what the rotations in flight may still write", () => {
    const running = (pendingWrites: number, name: string) => ({ cluster: cluster("s1", name), instanceId: name, createdTime: "t", pendingWrites });
    const state = { ...fleet([cluster("s1", "next")], 5), inFlight: [running(0, "renewing"), running(1, "rotatingCa"), running(1, "retiring")],
      budgets: { s1: { remaining: 2, observedAt: 0 } } };
    expect(admit(state, 0).start).toEqual([]);
    expect(admit({ ...state, budgets: { s1: { remaining: 3, observedAt: 0 } } }, 0).start.map((c) => c.clusterName)).toEqual(["next"]);
  });
});
