// Turns the cumulative `actions` of an OrchestratorState into host work (durable-runtime.md §4.2):
// re-sent actions are compared with what was materialized before (nondeterminism turns into a loud
// failure instead of a silent hang) and re-checked for timer cancellation; new ones take sequence numbers.
import type { FunctionRegistry } from "../core/registry.js";
import { ActionType, actionIdentity, isUnsupportedAction, type WireAction } from "./actions.js";
import type { ExecutionState } from "./instance.js";
import { scheduleActivity, scheduleChild, scheduleTimer, type EpisodeEffects } from "./scheduling.js";
import { nextTimerSegment } from "./timing.js";

export interface ActionContext {
  instanceId: string;
  parentInstanceId: string | null;
  now: number;
  exec: ExecutionState;
  registry: FunctionRegistry;
}

function nondeterminism(index: number, was: string, now: string): string {
  return (
    `Non-Deterministic workflow detected: action #${index} was ${was} in an earlier replay but is now ${now}. ` +
    `Orchestrator code must make the same calls in the same order on every replay (durable-runtime.md §7 pitfalls 1–2).`
  );
}

function cancelTimersOf(exec: ExecutionState, actionIndex: number, effects: EpisodeEffects): void {
  for (const [id, timer] of Object.entries(exec.timers)) {
    if (timer.actionIndex !== actionIndex || timer.purpose === "retry") continue;
    delete exec.timers[Number(id)];
    effects.canceledTimers.push(Number(id));
  }
}

/** Compares the replayed prefix; a shorter list only counts when user code did not fail part-way. */
export function checkReplayedActions(exec: ExecutionState, flat: WireAction[], effects: EpisodeEffects, userCodeFailed: boolean): void {
  const known = exec.actions;
  const common = Math.min(flat.length, known.length);
  for (let i = 0; i < common; i++) {
    const action = flat[i]!;
    const identity = actionIdentity(action);
    if (identity !== known[i]!.identity) {
      effects.failure = nondeterminism(i, known[i]!.identity, identity);
      return;
    }
    if (action.actionType === ActionType.CreateTimer && action.isCanceled) cancelTimersOf(exec, i, effects);
  }
  if (flat.length < known.length && !userCodeFailed) {
    effects.failure = nondeterminism(flat.length, known[flat.length]!.identity, "missing");
  }
}

function requireFunction(ctx: ActionContext, name: string, kind: "activity" | "orchestration", effects: EpisodeEffects): boolean {
  if (ctx.registry.find(name, kind)) return true;
  const what = kind === "activity" ? "an activity" : "an orchestrator";
  effects.failure = `The function '${name}' doesn't exist, is disabled, or is not ${what} function.`;
  return false;
}

function materialize(ctx: ActionContext, index: number, action: WireAction, effects: EpisodeEffects): void {
  const { exec, now } = ctx;
  const name = action.functionName ?? "";
  const retryKey = action.retryOptions ? index : undefined;
  const retry = (kind: "activity" | "subOrchestration") => {
    if (action.retryOptions) {
      exec.retries[index] = {
        kind, name, input: action.input, instanceId: action.instanceId, version: action.version ?? null,
        options: action.retryOptions, firstAttemptAt: now, attempt: 1,
      };
    }
  };
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      if (!requireFunction(ctx, name, "activity", effects)) return;
      retry("activity");
      scheduleActivity(exec, now, effects, { name, input: action.input, retryKey });
      return;
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      if (!requireFunction(ctx, name, "orchestration", effects)) return;
      if (action.instanceId && [ctx.instanceId, ctx.parentInstanceId].includes(action.instanceId)) {
        effects.failure = "The instance ID of a sub-orchestration must be different than the instance ID of a parent orchestration.";
        return;
      }
      retry("subOrchestration");
      scheduleChild(exec, now, effects, {
        name, input: action.input, instanceId: action.instanceId, version: action.version ?? null, retryKey,
      });
      return;
    case ActionType.CreateTimer: {
      const finalAt = Date.parse(action.fireAt ?? "");
      const segmentAt = nextTimerSegment(finalAt, now);
      const isLong = segmentAt !== finalAt;
      scheduleTimer(
        exec, now, effects,
        { fireAt: new Date(segmentAt).toISOString(), purpose: isLong ? "segment" : "user", actionIndex: index,
          ...(isLong ? { finalFireAt: action.fireAt } : {}) },
        !action.isCanceled,
      );
      return;
    }
    default:
      if (isUnsupportedAction(action)) {
        effects.failure = `${ActionType[action.actionType]} is not supported by the local durable runtime (entities and callHttp are not emulated).`;
      }
  }
}

export function materializeNewActions(ctx: ActionContext, flat: WireAction[], effects: EpisodeEffects): void {
  for (let i = ctx.exec.actions.length; i < flat.length; i++) {
    const action = flat[i]!;
    materialize(ctx, i, action, effects);
    if (effects.failure) return;
    ctx.exec.actions.push({ actionType: action.actionType, identity: actionIdentity(action) });
  }
}
