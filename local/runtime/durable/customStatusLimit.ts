// The extension's custom status cap, as 3.19.0 applies it (docs/real-extension.md "Observed" #1, asserted by
// test/real-extension/wire.test.ts): MessagePayloadDataConverter.Serialize(value, 16) throws when
// (int)(UTF-16 bytes / 1024) > 16, so the KB count is truncated and a status fails from 17 KB (17,408 bytes) on.
// The check runs in OutOfProcOrchestrationShim.ScheduleDurableTaskEvents, after the orchestrator returned and
// before its actions are replayed: nothing of that episode is scheduled and no catch block runs. In a later
// episode DTFx then finds the history's first scheduled task unmatched and reports nondeterminism instead.
import { EventType, type HistoryEvent } from "./history.js";

const LIMIT_KB = 16;

/** The failure the extension reports for this custom status, or undefined when it is within the cap. */
export function customStatusFailure(customStatus: unknown, pastHistory: readonly HistoryEvent[]): string | undefined {
  if (customStatus === undefined || customStatus === null) return undefined;
  const kb = Math.trunc((JSON.stringify(customStatus).length * 2) / 1024);
  if (kb <= LIMIT_KB) return undefined;
  const scheduled = pastHistory.find((e) => KIND[e.EventType] !== undefined);
  if (!scheduled) return `The UTF-16 size of the JSON-serialized payload must not exceed ${LIMIT_KB} KB. The current payload size is ${kb} KB.`;
  // DTFx TaskOrchestrationExecutor's NonDeterministicOrchestrationException text.
  const name = scheduled.EventType === EventType.TimerCreated ? "" : ` and name '${String(scheduled.Name ?? "")}' (version '${String(scheduled.Version ?? "")}')`;
  return (
    `Non-Deterministic workflow detected: A previous execution of this orchestration scheduled ${KIND[scheduled.EventType]} task with ` +
    `sequence ID ${scheduled.EventId}${name}, but the current replay execution hasn't (yet?) scheduled this task. ` +
    `Was a change made to the orchestrator code after this instance had already started running?`
  );
}

const KIND: Partial<Record<EventType, string>> = {
  [EventType.TaskScheduled]: "an activity",
  [EventType.SubOrchestrationInstanceCreated]: "a sub-orchestration",
  [EventType.TimerCreated]: "a timer",
};
