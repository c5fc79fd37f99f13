// Certificate rotation for one cluster (architecture.md "Rotate certificates"), the cluster's singleton. Decide from
// the Key Vault versions, the cluster's trust list and the orchestration clock; then run one phase and end
// (orchestrations/rotationPhases.ts): a CA rotation up to the promotion, a client renewal, or the retire of earlier CAs
// once due. Instances started before version 3 replay rotationLegacy.ts (the grace period waited out inside).
// Invariant at every step, crash included: every client certificate marked current is trusted.
import type * as df from "durable-functions";
import { decideRotation } from "../src/domain/rotation.js";
import { rotationInputFor, type RotationPlan } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import { SagaProgress } from "./progress.js";
import { clearFailures, recordFailure } from "./rotationBackoff.js";
import { renewWithGraceInside } from "./rotationLegacy.js";
import { runPhase } from "./rotationPhases.js";
import { repairTrust } from "./rotationSteps.js";
import { call, sentence, type Gen } from "./steps.js";
import { UndoStack } from "./undoStack.js";

/** Version 3: phases persisted in Key Vault tags, no grace timer in the singleton (names.ts orchestrationVersion). */
const phased = (ctx: df.OrchestrationContext) => Number(ctx.df.version || 0) >= 3;

export function* rotateClusterCertificates(ctx: df.OrchestrationContext): Gen<unknown> {
  const input = ctx.df.getInput() as RotationPlan;
  const progress = new SagaProgress(ctx);
  progress.begin("decide", { reason: input.reason });
  const found = yield* call(ctx, "decide", A.readCertificateInventory, { cluster: input.cluster, clients: input.clients,
    ...(input.listed ? { listed: input.listed } : {}) });
  // Names from the inventory's stem; one recorded before issue 11 has none: that instance replays its cluster-name form.
  const plan: RotationPlan = { ...input, certificateStem: found.stem ?? input.cluster.clusterName };
  const trusted = phased(ctx) ? (yield* call(ctx, "decide", A.readClusterTrust, plan.cluster)).thumbprints : undefined;
  const decision = decideRotation(rotationInputFor(plan, found, ctx.df.currentUtcDateTime, trusted));
  if (decision.action === "none") {
    if (decision.backoffUntil) {
      progress.finish();
      return { action: "none", reason: "backoff", nextAttemptAt: decision.backoffUntil };
    }
    // Nothing is due, but the list may have been replaced by hand (`az … --client-certificates` replaces it).
    const repaired = yield* repairTrust(ctx, plan, progress, found);
    const result = { action: repaired ? "repairTrust" : "none", nextCheckAt: decision.nextCheckAt,
      ...(decision.retirePendingUntil ? { retirePendingUntil: decision.retirePendingUntil } : {}) };
    progress.finish();
    return result;
  }
  const undo = new UndoStack();
  try {
    const result = phased(ctx) ? yield* runPhase(ctx, plan, progress, undo, found, decision) : yield* renewWithGraceInside(ctx, plan, progress, undo, found, decision);
    if (phased(ctx)) yield* clearFailures(ctx, plan, found);
    progress.finish();
    return result;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    progress.begin("rollback");
    yield* undo.run(ctx);
    try {
      if (phased(ctx)) yield* recordFailure(ctx, plan, reason);
    } catch { /* the backoff is best effort: the rotation's own failure is what the caller must see */ }
    progress.fail({ step: "rotation", reason }, []);
    throw new Error(`Certificate rotation of ${plan.cluster.clusterName} failed: ${sentence(reason)} Rolled back.`);
  }
}
