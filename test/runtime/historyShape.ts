// Compact rendering of a history for assertions: "TaskScheduled#0 Greet", "TaskCompleted@0", "TimerFired@1"…
// OrchestratorStarted/Completed are left out (one pair per episode, not part of the protocol shape).
import { EventType, type HistoryEvent } from "../../local/runtime/durable/history.js";

export function historyShape(history: HistoryEvent[]): string[] {
  return history
    .filter((e) => e.EventType !== EventType.OrchestratorStarted && e.EventType !== EventType.OrchestratorCompleted)
    .map((e) => {
      const type = EventType[e.EventType];
      if (e.EventId >= 0) return `${type}#${e.EventId}${typeof e.Name === "string" ? ` ${e.Name}` : ""}`;
      if (typeof e.TaskScheduledId === "number") return `${type}@${e.TaskScheduledId}`;
      if (typeof e.TimerId === "number") return `${type}@${e.TimerId}`;
      if (e.EventType === EventType.EventRaised) return `${type} ${String(e.Name)}`;
      return type;
    });
}

/** Milliseconds between each TimerCreated and the OrchestratorStarted of the episode that created it. */
export function timerDelays(history: HistoryEvent[]): number[] {
  const delays: number[] = [];
  let episodeAt = 0;
  for (const e of history) {
    if (e.EventType === EventType.OrchestratorStarted) episodeAt = Date.parse(e.Timestamp);
    if (e.EventType === EventType.TimerCreated) delays.push(Date.parse(String(e.FireAt)) - episodeAt);
  }
  return delays;
}
