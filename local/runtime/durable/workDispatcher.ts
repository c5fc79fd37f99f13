// Runs the work an episode scheduled, outside the orchestrator: activities (bounded by
// maxConcurrentActivityFunctions, at-least-once), durable timers on the clock, sub-orchestration starts.
// Results come back as history events through `deliver` (one per episode, durable-runtime.md §4.5).
import type { CancelAlarm, Clock } from "../clock.js";
import { invoke } from "../core/invoker.js";
import type { FunctionRegistry } from "../core/registry.js";
import { activityInputData, returnValueAsJsonText } from "../core/rpcData.js";
import { triggerInputs, type ClientDataProvider } from "../core/triggerInputs.js";
import { activityFailure, type FailureMode } from "./failures.js";
import { taskCompleted, taskFailed, timerFired, type HistoryEvent } from "./history.js";
import type { InstanceRecord, PendingActivity, PendingChild, PendingTimer } from "./instance.js";
import type { Work } from "./scheduling.js";
import type { WorkTracker } from "./workTracker.js";

export interface DispatcherDeps {
  registry: FunctionRegistry;
  clock: Clock;
  tracker: WorkTracker;
  failureMode: FailureMode;
  maxConcurrentActivities: number;
  clientData: ClientDataProvider;
  isAlive(): boolean;
  deliver(instanceId: string, executionId: string, event: HistoryEvent): void;
  startChild(parent: InstanceRecord, taskId: number, child: PendingChild): void;
}

const alarmKey = (instanceId: string, executionId: string, timerId: number) => `${instanceId}\u0000${executionId}\u0000${timerId}`;

export class WorkDispatcher {
  readonly #alarms = new Map<string, CancelAlarm>();
  #freeSlots: number;
  readonly #slotWaiters: Array<() => void> = [];

  constructor(private readonly deps: DispatcherDeps) {
    this.#freeSlots = deps.maxConcurrentActivities;
  }

  dispatch(rec: InstanceRecord, work: Work[]): void {
    const { instanceId, execution } = rec;
    for (const item of work) {
      if (item.kind === "activity") {
        const activity = execution.activities[item.taskId];
        if (activity) this.runActivity(instanceId, execution.executionId, item.taskId, activity);
      } else if (item.kind === "timer") {
        const timer = execution.timers[item.timerId];
        if (timer) this.armTimer(instanceId, execution.executionId, item.timerId, timer);
      } else {
        const child = execution.children[item.taskId];
        if (child) this.deps.startChild(rec, item.taskId, child);
      }
    }
  }

  runActivity(instanceId: string, executionId: string, taskId: number, activity: PendingActivity): void {
    void this.deps.tracker.track(this.#runActivity(instanceId, executionId, taskId, activity));
  }

  async #runActivity(instanceId: string, executionId: string, taskId: number, activity: PendingActivity): Promise<void> {
    await this.#acquireSlot();
    try {
      if (!this.deps.isAlive()) return;
      const { registry, clock, failureMode } = this.deps;
      const fn = registry.find(activity.name, "activity");
      if (!fn) throw new Error(`The function '${activity.name}' doesn't exist, is disabled, or is not an activity function.`);
      // The extension's activity binding data carries the orchestration's instance id (ActivityTriggerAttributeBindingProvider
      // `instanceId`), which the worker hands to the function as triggerMetadata.
      const outcome = await invoke(registry, fn, triggerInputs(fn, activityInputData(activity.input), this.deps.clientData), { instanceId: { string: instanceId } });
      if (!this.deps.isAlive()) return; // abandoned: a killed host never reports it
      const event = outcome.ok
        ? taskCompleted(clock.now(), taskId, returnValueAsJsonText(outcome.response.returnValue))
        : taskFailed(clock.now(), taskId, activityFailure(activity.name, outcome.error, failureMode));
      this.deps.deliver(instanceId, executionId, event);
    } catch (error) {
      if (this.deps.isAlive()) {
        this.deps.deliver(instanceId, executionId, taskFailed(this.deps.clock.now(), taskId, activityFailure(activity.name, error, this.deps.failureMode)));
      }
    } finally {
      this.#releaseSlot();
    }
  }

  armTimer(instanceId: string, executionId: string, timerId: number, timer: PendingTimer): void {
    const key = alarmKey(instanceId, executionId, timerId);
    this.#alarms.get(key)?.();
    const cancel = this.deps.clock.schedule(deliveredAt(Date.parse(timer.fireAt), this.deps.clock.now()), () => {
      this.#alarms.delete(key);
      if (this.deps.isAlive()) this.deps.deliver(instanceId, executionId, timerFired(this.deps.clock.now(), timerId, timer.fireAt));
    });
    this.#alarms.set(key, cancel);
  }

  cancelTimer(instanceId: string, executionId: string, timerId: number): void {
    const key = alarmKey(instanceId, executionId, timerId);
    this.#alarms.get(key)?.();
    this.#alarms.delete(key);
  }

  /** Drops every alarm of an instance (all executions), or of all instances. */
  cancelAlarms(instanceId?: string): void {
    for (const [key, cancel] of this.#alarms) {
      if (instanceId !== undefined && !key.startsWith(`${instanceId}\u0000`)) continue;
      cancel();
      this.#alarms.delete(key);
    }
  }

  #acquireSlot(): Promise<void> {
    if (this.#freeSlots > 0) {
      this.#freeSlots--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#slotWaiters.push(resolve));
  }

  #releaseSlot(): void {
    const next = this.#slotWaiters.shift();
    if (next) next();
    else this.#freeSlots++;
  }
}

/**
 * When the extension delivers a timer due at `due`, armed at `now`: DT.AS queues TimerFired with visibility
 * `FireAt - now` (TaskHubQueue.cs), which Azure.Storage.Queues 12.24 sends as whole seconds, truncated, and nothing
 * re-checks FireAt on receipt — so a timer fires up to a second early (docs/real-extension.md "Observed" #4).
 */
export const deliveredAt = (due: number, now: number): number => (due > now ? now + Math.floor((due - now) / 1000) * 1000 : due);
