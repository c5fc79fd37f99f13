// Shared orchestration pieces: the retry policy for transient Azure failures and the unwrapping of
// activity results into a step failure the saga compensates for.
import * as df from "durable-functions";
import type { StepResult } from "../activities/stepResult.js";

/** Transient failures (429, 5xx, timeouts) are retried: 5 s, 10 s, 20 s, 40 s (attempts capped at 60 s apart). */
export const transientRetry = (() => {
  const options = new df.RetryOptions(5_000, 5);
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

export function unwrap<T>(result: StepResult<T>, step: string): T {
  if (result.ok) return result.value;
  throw new StepFailed(step, result.message, result.code);
}

/** The readable reason of anything a step threw (activity failures arrive as plain Errors, §7 #11). */
export function reasonOf(error: unknown): { step?: string; reason: string } {
  if (error instanceof StepFailed) return { step: error.step, reason: error.reason };
  const message = error instanceof Error ? error.message : String(error);
  return { reason: message.split("\n")[0]!.trim() };
}
