// How a sub-orchestration is tied to its parent: the child's record carries the parent's task, and the child's end
// becomes that task's completion event. Apart from the engine so the parent/child protocol reads in one place.
import { subOrchestrationFailure, type FailureMode } from "./failures.js";
import { subOrchestrationCompleted, subOrchestrationFailed, type HistoryEvent } from "./history.js";
import type { InstanceRecord, PendingChild } from "./instance.js";
import { newInstanceRecord } from "./lifecycle.js";

/** The record of a child the parent's task `taskId` starts; without a version it gets the default one. */
export function childRecord(parent: InstanceRecord, taskId: number, child: PendingChild, defaultVersion: string | undefined, now: number): InstanceRecord {
  const parentRef = { instanceId: parent.instanceId, executionId: parent.execution.executionId, taskId };
  const { instanceId, name, input } = child;
  const version = child.version ?? defaultVersion ?? null;
  return newInstanceRecord({ instanceId, name, input, version, parent: parentRef, now });
}

/** DTFx fails the parent's task for a Failed and for a Terminated child alike. */
export function tellParent(rec: InstanceRecord, now: number, failureMode: FailureMode,
  deliver: (instanceId: string, executionId: string, event: HistoryEvent) => void): void {
  const parent = rec.parent;
  if (!parent) return;
  const event =
    rec.runtimeStatus === "Completed"
      ? subOrchestrationCompleted(now, parent.taskId, JSON.stringify(rec.output ?? null))
      : subOrchestrationFailed(now, parent.taskId, subOrchestrationFailure(String(rec.output), rec.failureDetails, failureMode));
  deliver(parent.instanceId, parent.executionId, event);
}
