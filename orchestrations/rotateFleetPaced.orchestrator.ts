// The scheduled check of every managed cluster as a sliding window (docs/performance.md): at most maxConcurrency
// rotations in flight, each the cluster's own singleton started or joined through the durable client (an
// activity, never a sub-orchestration: host-and-service.md §2); a finished one frees its slot at the next reading,
// so a slow cluster holds only its own slot. New starts wait on a durable timer while a subscription's ARM write
// budget is low. The whole state is data (src/domain/fleetWindow.ts), so continueAsNew keeps the history bounded
// however large the fleet. One cluster's failure is counted and never stops the others.
// A new orchestration name rather than a version branch of rotateFleet: runs of that one replay unchanged.
import type * as df from "durable-functions";
import { admit, fleetOutcome, fleetStatus, isFinished, recordReadings, recordStarts, refOf, type FleetOutcome, type FleetState } from "../src/domain/fleetWindow.js";
import { rotationPlanFor } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import { call, type Gen } from "./steps.js";

/** Rounds (start, wait, read) per execution: a few hundred history events, then continueAsNew with the state. */
const ROUNDS_PER_EXECUTION = 40;

export function* rotateFleetPaced(ctx: df.OrchestrationContext): Gen<FleetOutcome | undefined> {
  let state = ctx.df.getInput() as FleetState;
  const pollMs = state.settings.timing.pollIntervalMs;
  for (let round = 0; round < ROUNDS_PER_EXECUTION; round++) {
    const now = ctx.df.currentUtcDateTime.getTime();
    const admission = admit(state, now);
    if (admission.start.length) {
      const plans = admission.start.map((c) => rotationPlanFor(state.settings, refOf(c), { reason: state.reason, ...(c.listed ? { listed: c.listed } : {}) }));
      const started = yield* call(ctx, "start", A.startFleetRotations, { plans });
      state = recordStarts(state, admission.start, started.starts, started.budgets);
    }
    ctx.df.setCustomStatus(fleetStatus(state, admission));
    if (isFinished(state)) return fleetOutcome(state);
    // Wake for the next reading of the rotations in flight, or earlier when held-back starts get their budget.
    const readAt = state.inFlight.length ? now + pollMs : Infinity;
    const budgetAt = admission.budgetAt !== undefined && state.inFlight.length < state.maxConcurrency ? admission.budgetAt : Infinity;
    const wakeAt = Math.min(readAt, budgetAt);
    yield ctx.df.createTimer(new Date(Number.isFinite(wakeAt) ? Math.max(wakeAt, now + 1) : now + pollMs));
    if (!state.inFlight.length) continue;
    const runs = state.inFlight.map(({ instanceId, createdTime }) => ({ instanceId, createdTime }));
    const subscriptions = [...new Set([...state.inFlight, ...state.clusters].map((r) => ("cluster" in r ? r.cluster : r).subscriptionId))];
    const read = yield* call(ctx, "read", A.readFleetRotations, { runs, subscriptions });
    state = recordReadings(state, read.runs, read.budgets);
  }
  ctx.df.continueAsNew({ ...state, generation: state.generation + 1 });
  return undefined;
}
