// Work the host owes after delivering a completion (durable-runtime.md §4.3–4.4). The SDK counts these
// sequence numbers while it processes that same event, so they are allocated in the same episode, with
// the same time (the episode's OrchestratorStarted timestamp), before any new user actions.
import { EventType, type HistoryEvent } from "./history.js";
import type { ExecutionState } from "./instance.js";
import { scheduleActivity, scheduleChild, scheduleTimer, type EpisodeEffects } from "./scheduling.js";
import { nextTimerSegment, retryDelay } from "./timing.js";

export type FollowUp =
  | { kind: "none" }
  | { kind: "retryAttemptFailed"; retryKey: number }
  | { kind: "retryTimerFired"; retryKey: number }
  | { kind: "longTimerSegmentFired"; actionIndex: number; finalFireAt: string };

const NONE: FollowUp = { kind: "none" };

/** Drops a finished activity/child; a failed attempt of a retried call needs a retry timer. */
function releaseTask(pending: Record<number, { retryKey?: number }>, taskId: number, failed: boolean): FollowUp {
  const retryKey = pending[taskId]?.retryKey;
  delete pending[taskId];
  return failed && retryKey !== undefined ? { kind: "retryAttemptFailed", retryKey } : NONE;
}

/** Removes the pending work the event completes and says what the host must do next. */
export function consumeCompletion(exec: ExecutionState, event: HistoryEvent): FollowUp {
  const taskId = event.TaskScheduledId as number;
  switch (event.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
      return releaseTask(exec.activities, taskId, event.EventType === EventType.TaskFailed);
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return releaseTask(exec.children, taskId, event.EventType === EventType.SubOrchestrationInstanceFailed);
    case EventType.TimerFired: {
      const timerId = event.TimerId as number;
      const timer = exec.timers[timerId];
      delete exec.timers[timerId];
      if (timer?.purpose === "retry") return { kind: "retryTimerFired", retryKey: timer.actionIndex };
      if (timer?.purpose === "segment" && timer.finalFireAt) {
        return { kind: "longTimerSegmentFired", actionIndex: timer.actionIndex, finalFireAt: timer.finalFireAt };
      }
      return NONE;
    }
    default:
      return NONE;
  }
}

export function applyFollowUp(exec: ExecutionState, now: number, followUp: FollowUp, effects: EpisodeEffects): void {
  switch (followUp.kind) {
    case "retryAttemptFailed": {
      const retry = exec.retries[followUp.retryKey];
      if (!retry) return;
      const delay = retryDelay(retry.options, retry.attempt, retry.firstAttemptAt, now);
      if (delay <= 0) {
        // The real host schedules nothing here and the SDK waits forever (durable-js #629): flag it.
        effects.stuck = `retryTimeoutInMilliseconds elapsed for '${retry.name}': no retry timer is scheduled and the orchestration waits forever (durable-js #629)`;
        return;
      }
      const fireAt = new Date(now + delay).toISOString();
      scheduleTimer(exec, now, effects, { fireAt, purpose: "retry", actionIndex: followUp.retryKey });
      return;
    }
    case "retryTimerFired": {
      const retry = exec.retries[followUp.retryKey];
      if (!retry) return;
      // After the last attempt the SDK fails the task when this timer fires; nothing is re-scheduled.
      if (retry.attempt >= retry.options.maxNumberOfAttempts) return;
      retry.attempt++;
      const again = { name: retry.name, input: retry.input, retryKey: followUp.retryKey };
      if (retry.kind === "activity") scheduleActivity(exec, now, effects, again);
      else scheduleChild(exec, now, effects, { ...again, instanceId: retry.instanceId, version: retry.version });
      return;
    }
    case "longTimerSegmentFired": {
      const finalAt = Date.parse(followUp.finalFireAt);
      if (finalAt <= now) return;
      const fireAt = new Date(nextTimerSegment(finalAt, now)).toISOString();
      scheduleTimer(exec, now, effects, { fireAt, purpose: "segment", actionIndex: followUp.actionIndex, finalFireAt: followUp.finalFireAt });
      return;
    }
    case "none":
      return;
  }
}
