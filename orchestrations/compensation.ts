// Compensations are pushed *before* their forward step and run newest first. Each is an idempotent
// delete activity that reports "absent", "deleting" or "notOwned"; a deletion is awaited before the
// next one starts (a cluster cannot be deleted while its datacenter is). Failures are recorded, never
// swallowed, and the remaining compensations still run.
import type * as df from "durable-functions";
import type { DeletionActivity, InputOf } from "../activities/contracts.js";
import type { CompensationRecord } from "./progress.js";
import { attempt, reasonOf, type Gen } from "./steps.js";
import { atLeast } from "./timers.js";

interface Compensation<N extends DeletionActivity = DeletionActivity> {
  action: string;
  activity: N;
  input: InputOf<N>;
}

type Timing = { pollIntervalMs: number; timeoutMs: number };

export class CompensationStack {
  private readonly entries: Compensation[] = [];

  push<N extends DeletionActivity>(action: string, activity: N, input: InputOf<N>): void {
    this.entries.push({ action, activity, input } as Compensation);
  }

  *run(ctx: df.OrchestrationContext, timing: Timing): Gen<CompensationRecord[]> {
    const records: CompensationRecord[] = [];
    for (const entry of [...this.entries].reverse()) records.push(yield* compensate(ctx, entry, timing));
    return records;
  }
}

function* compensate(ctx: df.OrchestrationContext, entry: Compensation, timing: Timing): Gen<CompensationRecord> {
  const deadline = ctx.df.currentUtcDateTime.getTime() + timing.timeoutMs;
  let sawDeletion = false;
  for (;;) {
    let result;
    try {
      result = yield* attempt(ctx, entry.activity, entry.input as never);
    } catch (error) {
      return { action: entry.action, outcome: "failed", error: reasonOf(error).reason };
    }
    if (result.ok && result.value === "absent") return { action: entry.action, outcome: sawDeletion ? "deleted" : "absent" };
    if (result.ok && result.value === "notOwned") return { action: entry.action, outcome: "notOwned" };
    if (!result.ok && result.kind === "notFound") return { action: entry.action, outcome: sawDeletion ? "deleted" : "absent" };
    if (!result.ok && result.kind === "permanent") return { action: entry.action, outcome: "failed", error: result.message };
    // "deleting", or a 409 while another operation holds the resource: look again after a while.
    sawDeletion ||= result.ok;
    const now = ctx.df.currentUtcDateTime.getTime();
    if (now >= deadline) return { action: entry.action, outcome: "failed", error: `still not deleted after ${Math.round(timing.timeoutMs / 1000)} s` };
    yield ctx.df.createTimer(atLeast(ctx, now + timing.pollIntervalMs, deadline));
  }
}
