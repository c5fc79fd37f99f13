// The write of a trust change. ARM answers 409 to a write on a cluster while another operation holds it (an operator's
// update, a data center change, Azure's own maintenance; azure-rest.md §1.4). Up to version 3 that failed the step,
// and the rollback's own write then met the same 409. From version 4 (names.ts orchestrationVersion) the write waits
// for the cluster to settle, on durable timers, and is sent again, up to TRUST_WRITE_ATTEMPTS times in all.
import type * as df from "durable-functions";
import type { TrustChangeInput } from "../activities/contracts.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import { pollUntil } from "./polling.js";
import type { SagaProgress } from "./progress.js";
import { attempt, call, StepFailed, type Gen } from "./steps.js";

const TRUST_WRITE_ATTEMPTS = 3;
/** provisioningState values of a cluster an operation holds (ports.ts lists what ARM reports). */
const BUSY = new Set(["Creating", "Updating", "Deleting"]);

export function* writeTrust(ctx: df.OrchestrationContext, plan: RotationPlan, progress: SagaProgress, step: string,
  change: Omit<TrustChangeInput, "cluster">): Gen<{ changed: boolean; thumbprints: string[] }> {
  const input = { cluster: plan.cluster, ...change };
  if (Number(ctx.df.version || 0) < 4) return yield* call(ctx, step, A.updateClusterTrust, input);
  for (let tries = 1; ; tries++) {
    const result = yield* attempt(ctx, A.updateClusterTrust, input);
    if (result.ok) return result.value;
    if (result.kind !== "conflict" || tries >= TRUST_WRITE_ATTEMPTS) throw new StepFailed(step, result.message, result.code);
    yield* pollUntil(ctx, progress, {
      step, activity: A.readClusterTrust, input: plan.cluster, timing: plan.timing,
      waitingFor: `cluster ${plan.cluster.clusterName} to finish the operation that refused write ${tries} of ${TRUST_WRITE_ATTEMPTS}`,
      check: (t) => (BUSY.has(t.provisioningState) ? "wait" : "done"), detail: (t) => `provisioningState ${t.provisioningState}`,
    });
  }
}
