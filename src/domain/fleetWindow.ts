// The fleet rotation as data: a queue of clusters, a sliding window of rotations in flight (at most maxConcurrency;
// a finished one frees its slot at the next reading), counts, and each subscription's ARM write budget. Pure, so the
// orchestrator (orchestrations/rotateFleetPaced.orchestrator.ts) stays a short loop and its state can cross
// continueAsNew whole: nothing of it is a durable task in flight (docs/performance.md).
import { estimatedRemaining, mergeBudgets, msUntilBudget, type WriteBudgetLimits, type WriteBudgets } from "./armWriteBudget.js";
import type { ListedCertificates } from "./certificateNames.js";
import { clusterIdOf, type ClusterRef } from "./ids.js";
import { UNKNOWN_WRITES } from "./pendingTrustWrites.js";
import type { RotationSettings } from "./rotationPlan.js";

/** Failed clusters listed in the output and in no other place; the rest are counted (output stays small). */
const LISTED_FAILURES = 20;

/** A queued cluster, with its part of the vault listing the timer made once for the whole fleet. */
export type FleetCluster = ClusterRef & { listed?: ListedCertificates };

export interface FleetStart {
  clusters: FleetCluster[];
  settings: RotationSettings;
  reason: string;
  maxConcurrency: number;
  writeBudget: WriteBudgetLimits;
}

export interface RotationInFlight { cluster: ClusterRef; instanceId: string; createdTime: string; pendingWrites?: number }
export interface ClusterFailure { cluster: string; error: string }

export interface FleetState extends FleetStart {
  inFlight: RotationInFlight[];
  done: number;
  failed: number;
  total: number;
  actions: Record<string, number>;
  failures: ClusterFailure[];
  peakConcurrent: number;
  budgets: WriteBudgets;
  generation: number;
}

export type FleetStartAnswer = { instanceId: string; createdTime: string } | { error: string };
export type FleetRunReading = { state: "running"; pendingWrites: number } | { state: "completed"; action: string } | { state: "failed"; reason: string };

export interface FleetStatus { step: "rotating" | "done"; done: number; running: number; failed: number; queued: number; total: number; waitingForWritesUntil?: string }
export interface FleetOutcome { total: number; done: number; failed: number; actions: Record<string, number>; failures: ClusterFailure[]; failuresNotListed: number; peakConcurrent: number }

/** Failures name the cluster by its ARM id: a fleet spans subscriptions, where names repeat. */
export const clusterLabel = (c: ClusterRef) => clusterIdOf(c);

/** The cluster alone, for a rotation's plan and the window (the listing goes to the plan's own field). */
export const refOf = ({ subscriptionId, resourceGroup, clusterName }: ClusterRef): ClusterRef => ({ subscriptionId, resourceGroup, clusterName });

export function fleetState(start: FleetStart): FleetState {
  return { ...start, inFlight: [], done: 0, failed: 0, total: start.clusters.length, actions: {}, failures: [], peakConcurrent: 0, budgets: {}, generation: 0 };
}

export interface Admission {
  start: FleetCluster[];
  /** When a cluster held back for its subscription's write budget may start (ms since the epoch). */
  budgetAt?: number;
}

/**
 * The clusters to start now, in queue order: a free slot each, and only while the subscription's estimated budget
 * covers the writes its rotations in flight are about to make, plus one for this one. A subscription short of writes
 * is skipped, so another subscription's clusters go ahead.
 */
export function admit(state: FleetState, now: number): Admission {
  const free = state.maxConcurrency - state.inFlight.length;
  const holding = new Map<string, number>();
  for (const r of state.inFlight) holding.set(r.cluster.subscriptionId, (holding.get(r.cluster.subscriptionId) ?? 0) + (r.pendingWrites ?? UNKNOWN_WRITES));
  const start: FleetCluster[] = [];
  const blocked = new Set<string>();
  let budgetAt: number | undefined;
  for (const cluster of state.clusters) {
    if (start.length >= free) break;
    const sub = cluster.subscriptionId;
    if (blocked.has(sub)) continue;
    const needed = (holding.get(sub) ?? 0) + UNKNOWN_WRITES;
    if (estimatedRemaining(state.budgets[sub], state.writeBudget, now) < needed) {
      blocked.add(sub);
      const at = now + msUntilBudget(state.budgets[sub], state.writeBudget, now, needed);
      budgetAt = budgetAt === undefined ? at : Math.min(budgetAt, at);
      continue;
    }
    holding.set(sub, needed);
    start.push(cluster);
  }
  return { start, ...(budgetAt !== undefined ? { budgetAt } : {}) };
}

function failing(state: FleetState, cluster: ClusterRef, error: string): void {
  state.failed += 1;
  if (state.failures.length < LISTED_FAILURES) state.failures.push({ cluster: clusterLabel(cluster), error: error.split("\n")[0]!.slice(0, 300) });
}

/** The started clusters leave the queue: in flight, or failed when they could not be started. */
export function recordStarts(previous: FleetState, started: FleetCluster[], answers: FleetStartAnswer[], budgets: WriteBudgets): FleetState {
  const state: FleetState = { ...previous, inFlight: [...previous.inFlight], failures: [...previous.failures], budgets: mergeBudgets(previous.budgets, budgets) };
  const leaving = new Set(started);
  state.clusters = previous.clusters.filter((c) => !leaving.has(c));
  started.forEach((cluster, i) => {
    const answer = answers[i] ?? { error: "the start answered nothing" };
    if ("error" in answer) failing(state, cluster, answer.error);
    else state.inFlight.push({ cluster: refOf(cluster), instanceId: answer.instanceId, createdTime: answer.createdTime });
  });
  state.peakConcurrent = Math.max(state.peakConcurrent, state.inFlight.length);
  return state;
}

/** Finished rotations free their slots: counted as done (by action) or failed. */
export function recordReadings(previous: FleetState, readings: FleetRunReading[], budgets: WriteBudgets): FleetState {
  const state: FleetState = { ...previous, inFlight: [], actions: { ...previous.actions }, failures: [...previous.failures], budgets: mergeBudgets(previous.budgets, budgets) };
  previous.inFlight.forEach((run, i) => {
    const reading = readings[i] ?? { state: "running", pendingWrites: UNKNOWN_WRITES };
    if (reading.state === "running") state.inFlight.push({ ...run, pendingWrites: reading.pendingWrites });
    else if (reading.state === "completed") {
      state.done += 1;
      state.actions[reading.action] = (state.actions[reading.action] ?? 0) + 1;
    } else failing(state, run.cluster, reading.reason);
  });
  return state;
}

export const isFinished = (state: FleetState) => state.inFlight.length === 0 && state.clusters.length === 0;

/** Custom status: counts only, a few hundred bytes whatever the fleet size (the extension's limit is 16 KB). */
export function fleetStatus(state: FleetState, admission: Admission): FleetStatus {
  return {
    step: isFinished(state) ? "done" : "rotating", done: state.done, running: state.inFlight.length, failed: state.failed,
    queued: state.clusters.length, total: state.total,
    ...(admission.budgetAt !== undefined ? { waitingForWritesUntil: new Date(admission.budgetAt).toISOString() } : {}),
  };
}

export function fleetOutcome(state: FleetState): FleetOutcome {
  return { total: state.total, done: state.done, failed: state.failed, actions: state.actions, failures: state.failures,
    failuresNotListed: state.failed - state.failures.length, peakConcurrent: state.peakConcurrent };
}
