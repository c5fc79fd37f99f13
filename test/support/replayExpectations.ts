// What a replay of a recorded history must show: at every episode today's code yields exactly what the recorded code
// scheduled (activity names, timer times, sub-orchestration ids), and the last episode ends as the recording did.
import { expect } from "vitest";
import { EventType } from "../../local/runtime/durable/history.js";
import type { TestRuntime } from "../../local/runtime/testing.js";
import { recordedOutcome, replayRecorded, type EpisodeReplay, type RecordedInstance } from "./historyReplay.js";

/** The first episode at which the replay yields something else than the recording, or undefined. */
export const firstDivergence = (replays: EpisodeReplay[]) => replays.find((r) => JSON.stringify(r.yielded) !== JSON.stringify(r.recorded));

/** Replays `recorded` (stamped `version`, "" for none) and answers what the recorded code scheduled in all. */
export async function expectSameAsRecorded(rt: TestRuntime, recorded: RecordedInstance, version: string): Promise<string[]> {
  const started = recorded.history.find((e) => e.EventType === EventType.ExecutionStarted)!;
  expect(started.Version, "the version the instance was started with").toBe(version);
  const replays = await replayRecorded(rt, recorded);
  expect(firstDivergence(replays)).toBeUndefined();
  expect(replays.slice(0, -1).every((r) => !r.outcome.done)).toBe(true);
  const end = replays.at(-1)!.outcome;
  const { status, result } = recordedOutcome(recorded);
  expect(end.done).toBe(true);
  if (status === "Completed") expect(end.output).toEqual(result);
  // The one change since v1 allowed in a failure's text: a reason that ends in a period gets no second one (issue 13).
  else expect(`Orchestrator function '${recorded.name}' failed: ${end.error}`).toBe(String(result).replace(/\.\. /g, ". "));
  return replays.at(-1)!.recorded;
}
