// Waiting on Azure: re-read state through an activity, sleep on a durable timer, until the reading
// is done, fails, or the operation timeout passes. Never a sleeping activity (architecture.md).
import type * as df from "durable-functions";
import type { ActivityName, InputOf, OutputOf } from "../activities/contracts.js";
import type { SagaProgress } from "./progress.js";
import { call, StepFailed, type Gen } from "./steps.js";
import { atLeast } from "./timers.js";

export type Verdict = "done" | "wait" | { fail: string };

export interface PollSpec<N extends ActivityName> {
  step: string;
  activity: N;
  input: InputOf<N>;
  /** "cluster cass-vpn to finish provisioning": completes "waiting for …". */
  waitingFor: string;
  check: (reading: OutputOf<N>) => Verdict;
  /** What the last reading says about the wait (shown while waiting and in the timeout's reason). */
  detail?: (reading: OutputOf<N>) => string | undefined;
  timing: { pollIntervalMs: number; timeoutMs: number };
  /** How a reading's transient failures are retried (default transientRetry). */
  retry?: df.RetryOptions;
}

export function* pollUntil<N extends ActivityName>(ctx: df.OrchestrationContext, progress: SagaProgress, spec: PollSpec<N>): Gen<OutputOf<N>> {
  const started = ctx.df.currentUtcDateTime.getTime();
  const deadline = started + spec.timing.timeoutMs;
  for (;;) {
    const reading = yield* call(ctx, spec.step, spec.activity, spec.input, spec.retry);
    const verdict = spec.check(reading);
    if (verdict === "done") return reading;
    if (verdict !== "wait") throw new StepFailed(spec.step, verdict.fail);
    const now = ctx.df.currentUtcDateTime.getTime();
    const detail = spec.detail?.(reading);
    const seen = detail ? `; ${detail}` : "";
    if (now >= deadline) throw new StepFailed(spec.step, `gave up waiting for ${spec.waitingFor} after ${Math.round((now - started) / 1000)} s${seen}`);
    const next = atLeast(ctx, now + spec.timing.pollIntervalMs, deadline);
    progress.waiting(`${spec.waitingFor} since ${new Date(started).toISOString()}, next check at ${next.toISOString()}${seen}`);
    yield ctx.df.createTimer(next);
  }
}
