// Host-side time arithmetic that must agree with the SDK: long-timer segments (durable-runtime.md §4.4)
// and retry back-off (§4.3, DTFx RetryInterceptor.ComputeNextDelay).
import type { WireRetryOptions } from "./actions.js";

const DAY_MS = 86_400_000;
/** Azure Storage provider limits, sent in every orchestration trigger as .NET TimeSpans (§3.1). */
export const MAXIMUM_SHORT_TIMER_MS = 6 * DAY_MS;
export const LONG_TIMER_INTERVAL_MS = 3 * DAY_MS;
export const MAXIMUM_SHORT_TIMER_DURATION = "6.00:00:00";
export const LONG_RUNNING_TIMER_INTERVAL_DURATION = "3.00:00:00";
const DEFAULT_MAX_RETRY_INTERVAL_MS = 6 * DAY_MS;

/** Fire time of the next segment of a timer due at `finalAt`, seen at episode time `now` (strictly greater, as the SDK). */
export function nextTimerSegment(finalAt: number, now: number): number {
  return finalAt - now > MAXIMUM_SHORT_TIMER_MS ? now + LONG_TIMER_INTERVAL_MS : finalAt;
}

/**
 * Delay before retrying after failed attempt `attempt` (1-based), processed at episode time `now`;
 * 0 means the host schedules no retry timer at all (then the SDK waits forever, durable-js #629).
 */
export function retryDelay(options: WireRetryOptions, attempt: number, firstAttemptAt: number, now: number): number {
  const timeout = options.retryTimeoutInMilliseconds;
  if (timeout !== undefined && now >= firstAttemptAt + timeout) return 0;
  const delay = options.firstRetryIntervalInMilliseconds * (options.backoffCoefficient ?? 1) ** (attempt - 1);
  return Math.min(delay, options.maxRetryIntervalInMilliseconds ?? DEFAULT_MAX_RETRY_INTERVAL_MS);
}
