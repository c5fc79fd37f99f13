// ARM throttling: one bucket per subscription and request kind (reference §7.3).
import { TokenBucket, type BucketLimit } from "./tokenBucket.js";

export type RequestKind = "reads" | "writes" | "deletes";
export type ThrottleLimits = Record<RequestKind, BucketLimit>;

/** ARM's documented token-bucket numbers; the delete numbers are UNVERIFIED (reference §10). */
export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};

export function requestKind(method: string): RequestKind {
  if (method === "GET" || method === "HEAD") return "reads";
  return method === "DELETE" ? "deletes" : "writes";
}

export interface ThrottleDecision {
  allowed: boolean;
  kind: RequestKind;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

export class ArmThrottle {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number,
  ) {}

  take(subscriptionId: string, method: string): ThrottleDecision {
    const kind = requestKind(method);
    const key = `${subscriptionId.toLowerCase()}|${kind}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limits[kind], this.now());
      this.buckets.set(key, bucket);
    }
    const result = bucket.take(this.now());
    return {
      allowed: result.allowed,
      kind,
      headers: { [`x-ms-ratelimit-remaining-subscription-${kind}`]: String(result.remaining) },
      retryAfterSeconds: result.retryAfterSeconds,
    };
  }
}

/** `BURST/REFILL_PER_SECOND` (the CLI's `--throttle-writes 20/0.5`) as a bucket limit. */
export function parseBucketLimit(text: string): BucketLimit {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) throw new Error(`expected BURST/REFILL_PER_SECOND such as 200/10, got ${JSON.stringify(text)}`);
  return { capacity: Number(match[1]), refillPerSecond: Number(match[2]) };
}

export function resolveThrottleLimits(overrides: Partial<ThrottleLimits> | undefined): ThrottleLimits {
  return { ...DEFAULT_THROTTLE_LIMITS, ...overrides };
}
