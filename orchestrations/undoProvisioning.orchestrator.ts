// Undo of a provisioning stopped by DELETE /api/provisionings/{id}?compensate=true: the same
// idempotent, ownership-checked deletions the saga's compensation uses, newest resource first.
import type * as df from "durable-functions";
import { resourceRefsOf, type ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { activities as A } from "../src/names.js";
import { CompensationStack } from "./compensation.js";

/** Longer than any activity runs (one ARM request plus one poll): after it, no write of the saga can still land. */
const LATE_WRITE_WINDOW_MS = 2 * 60_000;

export function* undoProvisioning(ctx: df.OrchestrationContext): Generator<df.Task, unknown, unknown> {
  const plan = ctx.df.getInput() as ProvisioningPlan;
  const refs = resourceRefsOf(plan);
  const undo = new CompensationStack();
  undo.push(`delete cluster ${refs.cluster.clusterName}`, A.deleteCluster, { ref: refs.cluster, instanceId: plan.instanceId });
  undo.push(`delete private endpoint ${refs.endpoint.name}`, A.deletePrivateEndpoint, { ref: refs.endpoint, instanceId: plan.instanceId });
  undo.push(`delete datacenter ${refs.datacenter.datacenterName}`, A.deleteDatacenter, { ref: refs.datacenter, privateEndpointIp: plan.privateEndpoint.ipAddress });
  ctx.df.setCustomStatus({ step: "compensating" });
  const compensation = yield* undo.run(ctx, plan.operations);
  // Terminating the saga does not stop an activity already running: a create it had under way may land
  // after the first pass found nothing. Activities finish within a minute, so sweep once more after that.
  ctx.df.setCustomStatus({ step: "sweeping", compensation });
  yield ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + LATE_WRITE_WINDOW_MS));
  const sweep = yield* undo.run(ctx, plan.operations);
  const late = sweep.filter((s) => s.outcome === "deleted" || s.outcome === "failed");
  ctx.df.setCustomStatus({ step: "done", compensation, ...(late.length ? { lateWrites: late } : {}) });
  return { compensation, ...(late.length ? { lateWrites: late } : {}) };
}
