// A subscription's ARM write budget as the fleet sees it: ARM refills each subscription's write bucket at a steady
// rate up to its burst (host-and-service.md "ARM throttling": writes 200 burst, 10/s refill), and every write's
// answer reports what is left (`x-ms-ratelimit-remaining-subscription-writes`); a 429 says when to come back
// (`Retry-After`). Pure: the fleet estimates the budget now from the last reading and its own clock.

/** ARM's write bucket per subscription and principal (ARM_WRITE_BUDGET). */
export interface WriteBudgetLimits {
  burst: number;
  refillPerSecond: number;
}

/** The last write answer seen for a subscription. Times are ms since the epoch. */
export interface WriteBudgetReading {
  remaining: number;
  observedAt: number;
  /** Set by a 429: no write is accepted before this time. */
  retryAfterUntil?: number;
}

export type WriteBudgets = Record<string, WriteBudgetReading>;

/** Writes the bucket holds at `now`: the reading plus what refilled since, at most the burst; unknown = full. */
export function estimatedRemaining(reading: WriteBudgetReading | undefined, limits: WriteBudgetLimits, now: number): number {
  if (!reading) return limits.burst;
  if (reading.retryAfterUntil !== undefined && now < reading.retryAfterUntil) return 0;
  const refilled = (Math.max(0, now - reading.observedAt) / 1000) * limits.refillPerSecond;
  return Math.min(limits.burst, reading.remaining + refilled);
}

/** How long until the bucket holds `needed` writes (0 when it does now). */
export function msUntilBudget(reading: WriteBudgetReading | undefined, limits: WriteBudgetLimits, now: number, needed: number): number {
  const blockedMs = reading?.retryAfterUntil !== undefined ? Math.max(0, reading.retryAfterUntil - now) : 0;
  const missing = needed - estimatedRemaining(reading, limits, now + blockedMs);
  if (missing <= 0) return blockedMs;
  return blockedMs + (limits.refillPerSecond > 0 ? Math.ceil((missing / limits.refillPerSecond) * 1000) : 60_000);
}

/** The newer reading of each subscription: readings arrive from activities on any worker, in any order. */
export function mergeBudgets(known: WriteBudgets, seen: WriteBudgets): WriteBudgets {
  const merged = { ...known };
  for (const [subscription, reading] of Object.entries(seen)) {
    const current = merged[subscription];
    if (!current || reading.observedAt >= current.observedAt) merged[subscription] = reading;
  }
  return merged;
}
