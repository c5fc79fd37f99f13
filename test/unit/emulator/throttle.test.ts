import { describe, expect, it } from "vitest";
import { ArmThrottle, requestKind } from "../../../local/emulator/core/throttle.js";
import { TokenBucket } from "../../../local/emulator/core/tokenBucket.js";

describe("token bucket", () => {
  it("spends whole tokens, refuses when empty with the wait until the next token, and refills by the clock", () => {
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 0.5 }, 0);
    expect(bucket.take(0)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect(bucket.take(0)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect(bucket.take(0)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 2 });
    expect(bucket.take(1000).allowed).toBe(false);
    expect(bucket.take(2000)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it("never refills beyond its capacity", () => {
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 10 }, 0);
    bucket.take(0);
    expect(bucket.take(3_600_000).remaining).toBe(2);
  });
});

describe("ARM throttle", () => {
  it("classifies requests as reads, writes and deletes", () => {
    expect(["GET", "PUT", "PATCH", "POST", "DELETE"].map(requestKind)).toEqual(["reads", "writes", "writes", "writes", "deletes"]);
  });

  it("keeps one bucket per subscription and kind", () => {
    let now = 0;
    const limit = { capacity: 1, refillPerSecond: 1 };
    const throttle = new ArmThrottle({ reads: limit, writes: limit, deletes: limit }, () => now);
    expect(throttle.take("sub-a", "GET")).toMatchObject({ allowed: true, headers: { "x-ms-ratelimit-remaining-subscription-reads": "0" } });
    expect(throttle.take("SUB-A", "GET")).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(throttle.take("sub-b", "GET").allowed).toBe(true);
    expect(throttle.take("sub-a", "PUT")).toMatchObject({ allowed: true, headers: { "x-ms-ratelimit-remaining-subscription-writes": "0" } });
    now += 1000;
    expect(throttle.take("sub-a", "GET").allowed).toBe(true);
  });
});
