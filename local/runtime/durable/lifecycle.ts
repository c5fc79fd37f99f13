// Instance lifecycle transitions (durable-runtime.md §5): creation, committing an episode, completion,
// failure, continueAsNew and termination. Pure mutations of a record; the engine persists and dispatches.
import { randomUUID } from "node:crypto";
import type { EpisodeResult } from "./episode.js";
import { executionCompleted, executionStarted, executionTerminated, type HistoryEvent } from "./history.js";
import { newExecution, type InboxItem, type InstanceRecord, type ParentRef } from "./instance.js";

const newExecutionId = () => randomUUID().replaceAll("-", "");
export const newInstanceId = () => randomUUID().replaceAll("-", "");

/** Host rules for instance ids (§5 "start"); violations answer 400. */
export function instanceIdProblem(instanceId: string): string | undefined {
  if (instanceId.length === 0 || instanceId.length > 256) return "Instance ID must be between 1 and 256 characters.";
  if (instanceId.startsWith("@")) return "Instance ID must not start with '@'.";
  if (/[/\\#?\u0000-\u001f\u007f-\u009f]/.test(instanceId)) {
    return "Instance ID must not contain /, \\, #, ? or control characters.";
  }
  return undefined;
}

function startItem(rec: InstanceRecord, now: number): InboxItem {
  const { instanceId, name, input, version, parent } = rec;
  const { executionId } = rec.execution;
  const parentInstance = parent && { OrchestrationInstance: { InstanceId: parent.instanceId, ExecutionId: parent.executionId }, TaskScheduleId: parent.taskId };
  return { event: executionStarted(now, { name, input, version, instanceId, executionId, parent: parentInstance }), executionId };
}

export function newInstanceRecord(args: {
  instanceId: string;
  name: string;
  input: unknown;
  version: string | null;
  parent: ParentRef | null;
  now: number;
}): InstanceRecord {
  const { now, ...identity } = args;
  const rec: InstanceRecord = {
    ...identity,
    input: identity.input ?? null,
    output: null,
    customStatus: null,
    runtimeStatus: "Pending",
    createdTime: now,
    lastUpdatedTime: now,
    history: [],
    inbox: [],
    execution: newExecution(newExecutionId()),
    generation: 1,
  };
  rec.inbox.push(startItem(rec, now));
  return rec;
}

/** A new execution: fresh history and numbering; external events still queued carry over (§5). */
function continueAsNew(rec: InstanceRecord, input: unknown, now: number): void {
  rec.input = input ?? null;
  rec.history = [];
  rec.execution = newExecution(newExecutionId());
  rec.generation++;
  rec.runtimeStatus = "Running";
  delete rec.stuck;
  rec.inbox = [startItem(rec, now), ...rec.inbox.filter((item) => item.executionId === null)];
}

export function commitEpisode(rec: InstanceRecord, result: EpisodeResult, now: number): void {
  rec.inbox.shift();
  rec.history = result.history;
  rec.execution = result.execution;
  rec.lastUpdatedTime = now;
  if (result.customStatus !== undefined) rec.customStatus = result.customStatus;
  if (result.effects.stuck) rec.stuck = result.effects.stuck;
  const { outcome } = result;
  switch (outcome.kind) {
    case "running":
      rec.runtimeStatus = "Running";
      return;
    case "completed":
      rec.runtimeStatus = "Completed";
      rec.output = outcome.output;
      return;
    case "failed":
      rec.runtimeStatus = "Failed";
      rec.output = outcome.output;
      if (outcome.details) rec.failureDetails = outcome.details;
      return;
    case "continuedAsNew":
      continueAsNew(rec, outcome.input, now);
      return;
  }
}

export function terminate(rec: InstanceRecord, reason: string | null, now: number): void {
  const events: HistoryEvent[] = [executionTerminated(now, reason), executionCompleted(now, "Terminated", JSON.stringify(reason))];
  rec.history.push(...events);
  rec.runtimeStatus = "Terminated";
  rec.output = reason;
  rec.inbox = [];
  rec.lastUpdatedTime = now;
}
