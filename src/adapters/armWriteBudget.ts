// What ARM said about each subscription's write budget, as this process saw it: every ARM answer passes a pipeline
// policy that keeps the last `x-ms-ratelimit-remaining-subscription-writes` (ARM sends it on writes) and a 429's
// `Retry-After`. The fleet reads it through its activities to pace new rotations (docs/performance.md). Per
// process: on a scaled-out app an activity may run where no write was seen, and then the fleet falls back on its
// own estimate (src/domain/armWriteBudget.ts); ARM's 429 stays the guaranteed brake, retried as transient.
import type { CosmosDBManagementClientOptionalParams } from "@azure/arm-cosmosdb";
import type { WriteBudgetReading } from "../domain/armWriteBudget.js";
import type { WriteBudgetReader } from "../domain/ports.js";

type AdditionalPolicy = NonNullable<CosmosDBManagementClientOptionalParams["additionalPolicies"]>[number];

export interface WriteBudgetRecorder extends WriteBudgetReader {
  /** A policy for one subscription's ARM clients; per retry, so a throttled try is seen too. */
  policyFor(subscriptionId: string): AdditionalPolicy;
}

const REMAINING_WRITES = "x-ms-ratelimit-remaining-subscription-writes";
/** ARM's write bucket; reads and deletes have buckets of their own. */
const WRITE_METHODS = new Set(["PUT", "PATCH", "POST"]);

/** Retry-After in ms: seconds or an HTTP date (RFC 9110 §10.2.3), as the SDK's throttling policy reads it. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export function createWriteBudgetRecorder(now: () => number = Date.now): WriteBudgetRecorder {
  const seen = new Map<string, WriteBudgetReading>();
  return {
    policyFor: (subscriptionId) => ({
      position: "perRetry",
      policy: {
        name: "armWriteBudget",
        async sendRequest(request, next) {
          const response = await next(request);
          const at = now();
          const remaining = response.headers.get(REMAINING_WRITES);
          const key = subscriptionId.toLowerCase();
          if (response.status === 429 && WRITE_METHODS.has(request.method)) {
            const wait = retryAfterMs(response.headers.get("retry-after") ?? undefined, at) ?? 1000;
            seen.set(key, { remaining: 0, observedAt: at, retryAfterUntil: at + wait });
          } else if (remaining !== undefined && /^\d+$/.test(remaining)) {
            seen.set(key, { remaining: Number(remaining), observedAt: at });
          }
          return response;
        },
      },
    }),
    readings: (subscriptionIds) => Object.fromEntries(subscriptionIds.flatMap((id) => {
      const reading = seen.get(id.toLowerCase());
      return reading ? [[id, reading]] : [];
    })),
  };
}
