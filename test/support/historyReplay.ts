// Replays a recorded orchestration history through the real durable-functions replay engine, episode by episode, the
// way the extension sends it (durable-runtime.md §3.1, §4): all earlier events played, then OrchestratorStarted and
// the one new event of the episode. Each time, what the orchestrator yields (the SDK's cumulative actions) is set
// against what the recorded code scheduled up to that episode (TaskScheduled, TimerCreated,
// SubOrchestrationInstanceCreated), and the last episode's outcome against the recorded ExecutionCompleted.
import { invoke } from "../../local/runtime/core/invoker.js";
import { ActionType, flattenActions, type WireAction } from "../../local/runtime/durable/actions.js";
import { parseOrchestratorOutcome } from "../../local/runtime/durable/failures.js";
import { EventType, type HistoryEvent } from "../../local/runtime/durable/history.js";
import { LONG_RUNNING_TIMER_INTERVAL_DURATION, MAXIMUM_SHORT_TIMER_DURATION } from "../../local/runtime/durable/timing.js";
import type { TestRuntime } from "../../local/runtime/testing.js";

export interface RecordedInstance {
  instanceId: string;
  name: string;
  version: string | null;
  input: unknown;
  parent: { instanceId: string } | null;
  runtimeStatus: string;
  output: unknown;
  history: HistoryEvent[];
}

export interface EpisodeReplay {
  /** 1-based episode number, and the type of the one new event it delivered. */
  episode: number;
  delivered: string;
  /** What the code under test yielded in total by the end of this episode, and what the recorded code had scheduled. */
  yielded: string[];
  recorded: string[];
  outcome: { done: boolean; output?: unknown; error?: string };
}

/** What a scheduled action is, in a form both sides share: kind, function name, and the sub-orchestration id or timer. */
const describeAction = (a: WireAction): string => {
  switch (a.actionType) {
    case ActionType.CallActivity: case ActionType.CallActivityWithRetry: return `activity ${a.functionName}`;
    case ActionType.CallSubOrchestrator: case ActionType.CallSubOrchestratorWithRetry: return `orchestration ${a.functionName} as ${a.instanceId ?? "(new id)"}`;
    case ActionType.CreateTimer: return `timer ${a.fireAt}`;
    default: return ActionType[a.actionType] ?? String(a.actionType);
  }
};
const describeEvent = (e: HistoryEvent): string | undefined => {
  if (e.EventType === EventType.TaskScheduled) return `activity ${e.Name as string}`;
  if (e.EventType === EventType.SubOrchestrationInstanceCreated) return `orchestration ${e.Name as string} as ${e.InstanceId as string}`;
  if (e.EventType === EventType.TimerCreated) return `timer ${e.FireAt as string}`;
  return undefined;
};

/** The recorded history cut into episodes: OrchestratorStarted … OrchestratorCompleted (and ExecutionCompleted). */
export function episodesOf(history: HistoryEvent[]): HistoryEvent[][] {
  const episodes: HistoryEvent[][] = [];
  for (const event of history) {
    if (event.EventType === EventType.OrchestratorStarted) episodes.push([]);
    episodes.at(-1)!.push(event);
  }
  return episodes;
}

export async function replayRecorded(rt: TestRuntime, recorded: RecordedInstance): Promise<EpisodeReplay[]> {
  const fn = rt.runtime.registry.find(recorded.name, "orchestration");
  if (!fn) throw new Error(`no orchestration ${recorded.name} registered`);
  const episodes = episodesOf(recorded.history);
  const played: HistoryEvent[] = [];
  const replays: EpisodeReplay[] = [];
  for (const [index, episode] of episodes.entries()) {
    const [started, delivered] = episode as [HistoryEvent, HistoryEvent];
    const history = [...played, { ...started, IsPlayed: false }, { ...delivered, IsPlayed: false }];
    const payload = JSON.stringify({
      history, input: recorded.input ?? null, instanceId: recorded.instanceId, isReplaying: false, parentInstanceId: recorded.parent?.instanceId ?? null,
      upperSchemaVersion: 1, upperSchemaVersionNew: 2, longRunningTimerIntervalDuration: LONG_RUNNING_TIMER_INTERVAL_DURATION,
      maximumShortTimerDuration: MAXIMUM_SHORT_TIMER_DURATION, defaultHttpAsyncRequestSleepTimeMillseconds: 30_000,
    });
    const { state, error } = parseOrchestratorOutcome(await invoke(rt.runtime.registry, fn, [{ name: fn.triggerBindingName, data: { string: payload } }]));
    played.push(...episode.map((e) => ({ ...e, IsPlayed: true })));
    replays.push({
      episode: index + 1, delivered: EventType[delivered.EventType] ?? String(delivered.EventType),
      yielded: flattenActions(state?.actions[0] ?? []).map(describeAction),
      recorded: played.flatMap((e) => describeEvent(e) ?? []),
      outcome: { done: Boolean(state?.isDone) || error !== undefined, ...(state?.isDone ? { output: state.output } : {}), ...(error ? { error } : {}) },
    });
  }
  return replays;
}

/** The recorded outcome: the output of a completed instance, the failure text of a failed one. */
export function recordedOutcome(recorded: RecordedInstance): { status: string; result: unknown } {
  const end = recorded.history.find((e) => e.EventType === EventType.ExecutionCompleted)!;
  return { status: end.OrchestrationStatus as string, result: JSON.parse(end.Result as string) };
}
