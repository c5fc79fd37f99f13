// One orchestrator episode (durable-runtime.md §5 "episode"): OrchestratorStarted(now) + one new event →
// invoke the real durable-functions handler → check and materialize its actions → OrchestratorCompleted.
// Works on copies; the engine commits the result atomically, so a crash mid-episode loses nothing.
import { invoke } from "../core/invoker.js";
import type { FunctionRegistry } from "../core/registry.js";
import { parseJsonOrText } from "../core/rpcData.js";
import { ActionType, flattenActions, type OrchestratorState } from "./actions.js";
import { customStatusFailure } from "./customStatusLimit.js";
import { parseOrchestratorOutcome } from "./failures.js";
import { applyFollowUp, consumeCompletion } from "./followUps.js";
import { executionCompleted, orchestratorCompleted, orchestratorStarted, type HistoryEvent } from "./history.js";
import type { ExecutionState, InboxItem, InstanceRecord } from "./instance.js";
import { checkReplayedActions, materializeNewActions } from "./materialize.js";
import { emptyEffects, type EpisodeEffects } from "./scheduling.js";
import { LONG_RUNNING_TIMER_INTERVAL_DURATION, MAXIMUM_SHORT_TIMER_DURATION } from "./timing.js";

export type EpisodeOutcome =
  | { kind: "running" }
  | { kind: "completed"; output: unknown }
  | { kind: "failed"; output: string; details?: string }
  | { kind: "continuedAsNew"; input: unknown };

export interface EpisodeResult {
  history: HistoryEvent[];
  execution: ExecutionState;
  effects: EpisodeEffects;
  /** Present when the orchestrator sent one (only truthy values are sent, pitfall 13). */
  customStatus?: unknown;
  outcome: EpisodeOutcome;
}

/** Schema V3 payload, as the extension sends it (§3.1). */
function triggerPayload(rec: InstanceRecord, history: HistoryEvent[]) {
  return {
    history,
    input: rec.input ?? null,
    instanceId: rec.instanceId,
    isReplaying: false,
    parentInstanceId: rec.parent?.instanceId ?? null,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 2,
    longRunningTimerIntervalDuration: LONG_RUNNING_TIMER_INTERVAL_DURATION,
    maximumShortTimerDuration: MAXIMUM_SHORT_TIMER_DURATION,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30_000,
  };
}

function decideOutcome(rec: InstanceRecord, state: OrchestratorState | undefined, error: string | undefined, effects: EpisodeEffects, stack?: string): EpisodeOutcome {
  const failedPrefix = `Orchestrator function '${rec.name}' failed: `;
  if (effects.failure) {
    // The host reports its own nondeterminism verdict verbatim; everything else as the function's failure.
    const verbatim = effects.failure.startsWith("Non-Deterministic");
    return { kind: "failed", output: verbatim ? effects.failure : failedPrefix + effects.failure };
  }
  if (error !== undefined || !state) return { kind: "failed", output: failedPrefix + (error ?? "no orchestrator state"), details: stack };
  if (!state.isDone) return { kind: "running" };
  const continueAsNew = flattenActions(state.actions[0] ?? []).find((a) => a.actionType === ActionType.ContinueAsNew);
  if (continueAsNew) {
    // The SDK JSON-encodes string inputs once more (§3.5); decode before it becomes the next input.
    const input = typeof continueAsNew.input === "string" ? parseJsonOrText(continueAsNew.input) : continueAsNew.input;
    return { kind: "continuedAsNew", input };
  }
  return { kind: "completed", output: state.output ?? null };
}

export async function runEpisode(registry: FunctionRegistry, rec: InstanceRecord, item: InboxItem, now: number): Promise<EpisodeResult> {
  const history = rec.history.map((e) => ({ ...e, IsPlayed: true }));
  history.push(orchestratorStarted(now), { ...item.event, IsPlayed: false });
  const execution = structuredClone(rec.execution);
  const followUp = consumeCompletion(execution, item.event);
  const effects = emptyEffects();

  const fn = registry.find(rec.name, "orchestration");
  if (!fn) {
    effects.failure = `The function '${rec.name}' doesn't exist, is disabled, or is not an orchestrator function.`;
    return { history, execution, effects, outcome: decideOutcome(rec, undefined, undefined, effects) };
  }
  const payload = JSON.stringify(triggerPayload(rec, history));
  const parsed = parseOrchestratorOutcome(await invoke(registry, fn, [{ name: fn.triggerBindingName, data: { string: payload } }]));
  const { state, error } = parsed;
  const flat = flattenActions(state?.actions[0] ?? []);

  const statusFailure = customStatusFailure(state?.customStatus, rec.history);
  if (statusFailure) effects.failure = statusFailure;
  if (!effects.failure) checkReplayedActions(execution, flat, effects, error !== undefined);
  const stillRunning = !effects.failure && error === undefined && state !== undefined && !state.isDone;
  if (stillRunning) applyFollowUp(execution, now, followUp, effects);
  if (!effects.failure) {
    materializeNewActions({ instanceId: rec.instanceId, parentInstanceId: rec.parent?.instanceId ?? null, now, exec: execution, registry }, flat, effects);
  }

  const outcome = decideOutcome(rec, state, error, effects, parsed.stack);
  history.push(...effects.events, orchestratorCompleted(now));
  if (outcome.kind === "completed") history.push(executionCompleted(now, "Completed", JSON.stringify(outcome.output)));
  if (outcome.kind === "failed") history.push(executionCompleted(now, "Failed", JSON.stringify(outcome.output)));
  const result: EpisodeResult = { history, execution, effects, outcome };
  if (state?.customStatus && !effects.failure) result.customStatus = state.customStatus;
  return result;
}
