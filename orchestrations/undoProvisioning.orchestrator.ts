// Undo of a provisioning stopped by DELETE /api/provisionings/{id}?compensate=true: the same
// idempotent, ownership-checked deletions the saga's compensation uses, newest resource first.
import type * as df from "durable-functions";
import type { ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { activities as A } from "../src/names.js";
import { CompensationStack } from "./compensation.js";

export function* undoProvisioning(ctx: df.OrchestrationContext): Generator<df.Task, unknown, unknown> {
  const plan = ctx.df.getInput() as ProvisioningPlan;
  const { cluster, privateEndpoint: pe, datacenter: dc } = plan;
  const undo = new CompensationStack();
  undo.push(`delete cluster ${cluster.clusterName}`, A.deleteCluster, {
    ref: { subscriptionId: cluster.subscriptionId, resourceGroup: cluster.resourceGroup, clusterName: cluster.clusterName }, instanceId: plan.instanceId,
  });
  undo.push(`delete private endpoint ${pe.name}`, A.deletePrivateEndpoint, {
    ref: { subscriptionId: pe.subscriptionId, resourceGroup: pe.resourceGroup, name: pe.name }, instanceId: plan.instanceId,
  });
  undo.push(`delete datacenter ${dc.datacenterName}`, A.deleteDatacenter, { ref: dc, privateEndpointIp: pe.ipAddress });
  ctx.df.setCustomStatus({ step: "compensating" });
  const compensation = yield* undo.run(ctx, plan.operations);
  ctx.df.setCustomStatus({ step: "done", compensation });
  return { compensation };
}
