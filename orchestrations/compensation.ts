// Compensations are pushed *before* their forward step and run newest first. Each is an idempotent
// delete activity that reports "absent", "deleting" or "notOwned"; a deletion is awaited before the
// next one starts (a cluster cannot be deleted while its datacenter is). Failures are recorded, never
// swallowed, and the remaining compensations still run.
import type * as df from "durable-functions";
import type { DeletionState, StepResult } from "../activities/stepResult.js";
import type { CompensationRecord } from "./progress.js";
import { reasonOf, transientRetry } from "./steps.js";

export interface Compensation {
  action: string;
  activity: string;
  input: unknown;
}

export class CompensationStack {
  private readonly entries: Compensation[] = [];

  push(action: string, activity: string, input: unknown): void {
    this.entries.push({ action, activity, input });
  }

  *run(ctx: df.OrchestrationContext, timing: { pollIntervalMs: number; timeoutMs: number }): Generator<df.Task, CompensationRecord[], unknown> {
    const records: CompensationRecord[] = [];
    for (const entry of [...this.entries].reverse()) records.push(yield* compensate(ctx, entry, timing));
    return records;
  }
}

export function* compensate(
  ctx: df.OrchestrationContext,
  entry: Compensation,
  timing: { pollIntervalMs: number; timeoutMs: number },
): Generator<df.Task, CompensationRecord, unknown> {
  const deadline = ctx.df.currentUtcDateTime.getTime() + timing.timeoutMs;
  let sawDeletion = false;
  for (;;) {
    let result: StepResult<DeletionState>;
    try {
      result = (yield ctx.df.callActivityWithRetry(entry.activity, transientRetry, entry.input)) as StepResult<DeletionState>;
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
    yield ctx.df.createTimer(new Date(Math.min(now + timing.pollIntervalMs, deadline)));
  }
}
