// Drives virtual time for a test until an instance finishes: settle, then jump to the next alarm while nothing else
// can happen. Apart from TestRuntime because this is the one place that decides a test is stuck, and says why.
import type { VirtualClock } from "./clock.js";
import { isTerminal, type InstanceRecord } from "./durable/instance.js";
import { waitingOn } from "./progress.js";

const DEFAULT_MAX_VIRTUAL_MS = 400 * 86_400_000;

/** Runs until the instance finishes, jumping virtual time to each next alarm while nothing else can happen. */
export async function runToCompletion(records: ReadonlyMap<string, InstanceRecord>, clock: VirtualClock, instanceId: string,
  maxVirtualMs = DEFAULT_MAX_VIRTUAL_MS): Promise<InstanceRecord> {
  const deadline = clock.now() + maxVirtualMs;
  for (;;) {
    await clock.settle();
    const rec = records.get(instanceId);
    if (!rec) throw new Error(`No instance '${instanceId}'.`);
    if (isTerminal(rec.runtimeStatus)) return structuredClone(rec);
    const next = clock.nextAlarmAt();
    if (rec.stuck || next === undefined || next > deadline) {
      const why = rec.stuck ?? (next === undefined ? "nothing is scheduled" : "the next alarm is past the virtual deadline");
      throw new Error(`Instance '${instanceId}' is ${rec.runtimeStatus}, waiting on [${waitingOn(rec).join(", ")}]; ${why}.`);
    }
    await clock.advanceTo(next);
  }
}
