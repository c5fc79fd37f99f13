// Start-up after a crash or restart: reload every instance and re-create the work that was in flight
// (durable-runtime.md §5). Activities not yet reported run again (at-least-once); timers re-arm (past
// ones fire at once); children that were never created start now; lost child→parent notices are re-sent.
import type { InstanceStore } from "../store/instanceStore.js";
import type { OrchestrationEngine } from "./engine.js";
import { EventType } from "./history.js";
import { isTerminal, type InstanceRecord } from "./instance.js";

/** Completions already queued for the current execution, as `task:<id>` / `timer:<id>`. */
function queuedCompletions(rec: InstanceRecord): Set<string> {
  const queued = new Set<string>();
  for (const { event, executionId } of rec.inbox) {
    if (executionId !== rec.execution.executionId) continue;
    if (event.EventType === EventType.TimerFired) queued.add(`timer:${String(event.TimerId)}`);
    else if (typeof event.TaskScheduledId === "number") queued.add(`task:${event.TaskScheduledId}`);
  }
  return queued;
}

function reconcile(engine: OrchestrationEngine, rec: InstanceRecord): void {
  const { instanceId, execution } = rec;
  const { executionId } = execution;
  const queued = queuedCompletions(rec);
  for (const [id, activity] of Object.entries(execution.activities)) {
    if (!queued.has(`task:${id}`)) engine.dispatcher.runActivity(instanceId, executionId, Number(id), activity);
  }
  for (const [id, timer] of Object.entries(execution.timers)) {
    if (!queued.has(`timer:${id}`)) engine.dispatcher.armTimer(instanceId, executionId, Number(id), timer);
  }
  for (const [id, child] of Object.entries(execution.children)) {
    if (queued.has(`task:${id}`)) continue;
    const existing = engine.records.get(child.instanceId);
    const ours = existing?.parent?.instanceId === instanceId && existing.parent.executionId === executionId && existing.parent.taskId === Number(id);
    if (existing && ours) {
      if (isTerminal(existing.runtimeStatus)) engine.notifyParent(existing);
    } else {
      engine.startChild(rec, Number(id), child);
    }
  }
  engine.kick(instanceId);
}

export function resumeFromStore(engine: OrchestrationEngine, store: InstanceStore): number {
  for (const rec of store.loadAll()) engine.records.set(rec.instanceId, rec);
  const running = [...engine.records.values()].filter((rec) => !isTerminal(rec.runtimeStatus));
  for (const rec of running) reconcile(engine, rec);
  return running.length;
}
