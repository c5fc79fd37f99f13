// Host-side sequence-number allocation (durable-runtime.md §4): every activity, timer (or timer segment,
// or retry timer) and sub-orchestration takes the next number, in the order the SDK takes them.
import { EventType, historyEvent, type HistoryEvent } from "./history.js";
import type { ExecutionState, PendingActivity, PendingChild, PendingTimer } from "./instance.js";

export type Work =
  | { kind: "activity"; taskId: number }
  | { kind: "timer"; timerId: number }
  | { kind: "child"; taskId: number };

/** What one episode adds: history events (in order), work to dispatch once it is persisted, and its verdict. */
export interface EpisodeEffects {
  events: HistoryEvent[];
  work: Work[];
  canceledTimers: number[];
  /** Fails the instance (nondeterminism, unknown function, unsupported action). */
  failure?: string;
  /** Running but unable to progress (see InstanceRecord.stuck). */
  stuck?: string;
}

export const emptyEffects = (): EpisodeEffects => ({ events: [], work: [], canceledTimers: [] });

const asJsonText = (input: unknown) => (typeof input === "string" ? input : JSON.stringify(input ?? null));

export function scheduleActivity(exec: ExecutionState, now: number, effects: EpisodeEffects, activity: PendingActivity): number {
  const taskId = exec.nextId++;
  exec.activities[taskId] = activity;
  effects.events.push(historyEvent(EventType.TaskScheduled, now, { Name: activity.name, Input: asJsonText(activity.input) }, taskId));
  effects.work.push({ kind: "activity", taskId });
  return taskId;
}

export function scheduleTimer(exec: ExecutionState, now: number, effects: EpisodeEffects, timer: PendingTimer, arm = true): number {
  const timerId = exec.nextId++;
  effects.events.push(historyEvent(EventType.TimerCreated, now, { FireAt: timer.fireAt }, timerId));
  if (arm) {
    exec.timers[timerId] = timer;
    effects.work.push({ kind: "timer", timerId });
  }
  return timerId;
}

/** DTFx names an unnamed child `<parent execution id>:<task id>` (§5). */
export function scheduleChild(
  exec: ExecutionState,
  now: number,
  effects: EpisodeEffects,
  child: Omit<PendingChild, "instanceId"> & { instanceId?: string | undefined },
): PendingChild {
  const taskId = exec.nextId++;
  const pending: PendingChild = { ...child, instanceId: child.instanceId || `${exec.executionId}:${taskId}` };
  exec.children[taskId] = pending;
  effects.events.push(
    historyEvent(
      EventType.SubOrchestrationInstanceCreated,
      now,
      { Name: child.name, InstanceId: pending.instanceId, Input: JSON.stringify(child.input ?? null) },
      taskId,
    ),
  );
  effects.work.push({ kind: "child", taskId });
  return pending;
}
