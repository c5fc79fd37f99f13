// History events as the Durable extension sends them to out-of-proc SDKs (durable-runtime.md §3.2):
// PascalCase fields, numeric EventType, JSON *text* for payloads.

export enum EventType {
  ExecutionStarted = 0,
  ExecutionCompleted = 1,
  ExecutionTerminated = 3,
  TaskScheduled = 4,
  TaskCompleted = 5,
  TaskFailed = 6,
  SubOrchestrationInstanceCreated = 7,
  SubOrchestrationInstanceCompleted = 8,
  SubOrchestrationInstanceFailed = 9,
  TimerCreated = 10,
  TimerFired = 11,
  OrchestratorStarted = 12,
  OrchestratorCompleted = 13,
  EventRaised = 15,
  ContinueAsNew = 16,
}

export interface HistoryEvent {
  EventType: EventType;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  [field: string]: unknown;
}

export interface FailurePayload {
  Reason?: string;
  Details?: string;
  FailureDetails?: Record<string, unknown>;
}

const iso = (at: number) => new Date(at).toISOString();

/** `EventId` is the host sequence number for scheduling events, -1 for everything else. */
export function historyEvent(type: EventType, at: number, fields: Record<string, unknown> = {}, eventId = -1): HistoryEvent {
  return { EventType: type, EventId: eventId, IsPlayed: false, Timestamp: iso(at), ...fields };
}

export const orchestratorStarted = (at: number) => historyEvent(EventType.OrchestratorStarted, at);
export const orchestratorCompleted = (at: number) => historyEvent(EventType.OrchestratorCompleted, at);

export function executionStarted(
  at: number,
  start: { name: string; input: unknown; version: string | null; instanceId: string; executionId: string; parent: unknown },
): HistoryEvent {
  return historyEvent(EventType.ExecutionStarted, at, {
    Name: start.name,
    Input: JSON.stringify(start.input ?? null),
    Version: start.version ?? "",
    OrchestrationInstance: { InstanceId: start.instanceId, ExecutionId: start.executionId },
    ParentInstance: start.parent ?? null,
  });
}

export const taskCompleted = (at: number, taskId: number, resultJson: string) =>
  historyEvent(EventType.TaskCompleted, at, { TaskScheduledId: taskId, Result: resultJson });

export const taskFailed = (at: number, taskId: number, failure: FailurePayload) =>
  historyEvent(EventType.TaskFailed, at, { TaskScheduledId: taskId, ...failure });

export const subOrchestrationCompleted = (at: number, taskId: number, resultJson: string) =>
  historyEvent(EventType.SubOrchestrationInstanceCompleted, at, { TaskScheduledId: taskId, Result: resultJson });

export const subOrchestrationFailed = (at: number, taskId: number, failure: FailurePayload) =>
  historyEvent(EventType.SubOrchestrationInstanceFailed, at, { TaskScheduledId: taskId, ...failure });

export const timerFired = (at: number, timerId: number, fireAt: string) =>
  historyEvent(EventType.TimerFired, at, { TimerId: timerId, FireAt: fireAt });

/** `Input` is JSON text or null; the SDK hands `undefined` to user code when it is falsy (§3.5). */
export const eventRaised = (at: number, name: string, data: unknown) =>
  historyEvent(EventType.EventRaised, at, { Name: name, Input: data === undefined ? null : JSON.stringify(data) });

export const executionCompleted = (at: number, status: string, resultJson: string | null) =>
  historyEvent(EventType.ExecutionCompleted, at, { OrchestrationStatus: status, Result: resultJson });

export const executionTerminated = (at: number, reason: string | null) =>
  historyEvent(EventType.ExecutionTerminated, at, { Input: reason });
