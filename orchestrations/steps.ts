// How orchestrators call activities: one typed helper over the activity contracts (activities/contracts.ts),
// the retry policy for transient Azure failures, and the step failure a saga compensates for.
import * as df from "durable-functions";
import type { ActivityName, InputOf, OutputOf, StepFailure } from "../activities/contracts.js";

export type Gen<T> = Generator<df.Task, T, unknown>;

/** Transient failures (429, 5xx, timeouts) are retried: 5 s, 10 s, 20 s, 40 s (attempts capped at 60 s apart). */
export const transientRetry = (() => {
  const options = new df.RetryOptions(5_000, 5);
  options.backoffCoefficient = 2;
  options.maxRetryIntervalInMilliseconds = 60_000;
  return options;
})();

/**
 * Reading back a write the cluster does not show yet: 15 s, 30 s, then every 60 s, 8 reads over 5 min 45 s. After an
 * update's LRO the old state was read "several minutes" longer (azure-rest-api-specs #19021, #19078); Terraform waits
 * a minute and then polls. A write that stays invisible longer fails the step as transient: a later run writes again.
 */
export const readBackRetry = (() => {
  const options = new df.RetryOptions(15_000, 8);
  options.backoffCoefficient = 2;
  options.maxRetryIntervalInMilliseconds = 60_000;
  return options;
})();

export class StepFailed extends Error {
  constructor(readonly step: string, readonly reason: string, readonly code?: string) {
    super(`${step}: ${reason}`);
    this.name = "StepFailed";
  }
}

/** Runs an activity (transient failures retried per `retry`) and answers its value; any failure, retries spent included, is a StepFailed of `step`. */
export function* call<N extends ActivityName>(ctx: df.OrchestrationContext, step: string, activity: N, input: InputOf<N>,
  retry: df.RetryOptions = transientRetry): Gen<OutputOf<N>> {
  let result: unknown;
  try {
    result = yield ctx.df.callActivityWithRetry(activity, retry, input);
  } catch (error) {
    // Retries spent: the last transient failure, "Activity function '…' failed: <its message>", fails the step.
    throw new StepFailed(step, reasonOf(error).reason);
  }
  return valueOf<OutputOf<N>>(result, step);
}

/** Like `call`, but a failure the activity reports comes back as a value for the caller to decide on. */
export function* attempt<N extends ActivityName>(ctx: df.OrchestrationContext, activity: N, input: InputOf<N>): Gen<{ ok: true; value: OutputOf<N> } | StepFailure> {
  const result = yield ctx.df.callActivityWithRetry(activity, transientRetry, input);
  return isFailure(result) ? result : { ok: true, value: valueOf<OutputOf<N>>(result, activity) };
}

function isFailure(result: unknown): result is StepFailure {
  return typeof result === "object" && result !== null && (result as { ok?: unknown }).ok === false;
}

// The result crossed durable history as JSON; its envelope is the one activities/stepResult.ts produces.
function valueOf<T>(result: unknown, step: string): T {
  if (isFailure(result)) throw new StepFailed(step, result.message, result.code);
  if (typeof result !== "object" || result === null) throw new StepFailed(step, "the activity answered no result");
  return (result as { value: T }).value;
}

/** The readable reason of anything a step threw (activity failures arrive as plain Errors, §7 #11). */
export function reasonOf(error: unknown): { step?: string; reason: string } {
  if (error instanceof StepFailed) return { step: error.step, reason: error.reason };
  const message = error instanceof Error ? error.message : String(error);
  return { reason: message.split("\n")[0]!.trim() };
}

/** A reason as one sentence: one that already ends in `.`, `!` or `?` (Azure's messages do) gets no second period. */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
