// A token bucket driven by an injected clock (ARM's per-subscription throttling, reference §7.3).

export interface BucketLimit {
  capacity: number;
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request (what `x-ms-ratelimit-remaining-*` reports). */
  remaining: number;
  /** Seconds until one token is available again; 0 when allowed. */
  retryAfterSeconds: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: BucketLimit,
    now: number,
  ) {
    this.tokens = limit.capacity;
    this.updatedAt = now;
  }

  take(now: number): TakeResult {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, remaining: Math.floor(this.tokens), retryAfterSeconds: 0 };
    }
    const missing = 1 - this.tokens;
    const retryAfterSeconds = this.limit.refillPerSecond > 0 ? Math.max(1, Math.ceil(missing / this.limit.refillPerSecond)) : 60;
    return { allowed: false, remaining: 0, retryAfterSeconds };
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.capacity, this.tokens + elapsedSeconds * this.limit.refillPerSecond);
    this.updatedAt = now;
  }
}
