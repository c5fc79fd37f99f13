// The VPN provisioning saga (architecture.md "The two sagas"): cluster → private link service id →
// private endpoint with a static IP → approval → NIC IP → datacenter → nodes Up. On failure the
// compensations run newest first; the instance fails with the reason and what was undone.
import type * as df from "durable-functions";
import type { ActivityName, InputOf } from "../activities/contracts.js";
import { resourceRefsOf, type ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { activities as A, orchestrations } from "../src/names.js";
import { ApprovalNotGiven, awaitApproval } from "./approvalStep.js";
import { CompensationStack } from "./compensation.js";
import { pollUntil } from "./polling.js";
import { runClusterRotation } from "./rotationRun.js";
import { SagaProgress } from "./progress.js";
import { awaitNodesUp } from "./nodesStep.js";
import { clusterReady, datacenterReady, endpointReady, summarize } from "./provisioningChecks.js";
import { call as callStep, reasonOf, StepFailed, type Gen } from "./steps.js";

export function* provisionVpnCluster(ctx: df.OrchestrationContext): Gen<unknown> {
  const plan = ctx.df.getInput() as ProvisioningPlan;
  const { cluster, privateEndpoint: pe, datacenter: dc, operations: timing } = plan;
  const { cluster: clusterRef, endpoint: peRef, datacenter: dcRef } = resourceRefsOf(plan);
  const progress = new SagaProgress(ctx);
  const undo = new CompensationStack();
  const call = <N extends ActivityName>(step: string, activity: N, input: InputOf<N>) => callStep(ctx, step, activity, input);
  try {
    progress.begin("preflight");
    const preflight = yield* call("preflight", A.preflightProvisioning,
      { instanceId: plan.instanceId, cluster: plan.cluster, privateEndpoint: pe, datacenter: { delegatedSubnetId: dc.delegatedSubnetId } });
    if (!preflight.ok) throw new StepFailed("preflight", preflight.problems.join("; "));

    progress.begin("createCluster");
    undo.push(`delete cluster ${cluster.clusterName}`, A.deleteCluster, { ref: clusterRef, instanceId: plan.instanceId });
    const ensured = yield* call("createCluster", A.ensureCluster, { cluster: plan.cluster, tags: plan.tags, instanceId: plan.instanceId });
    const ready = yield* pollUntil(ctx, progress, {
      step: "createCluster", activity: A.readCluster, input: clusterRef, timing, check: clusterReady,
      waitingFor: `cluster ${cluster.clusterName} to be provisioned with its private link service`,
    });

    progress.begin("createPrivateEndpoint", { privateLinkResourceId: ready.privateLinkResourceId });
    undo.push(`delete private endpoint ${pe.name}`, A.deletePrivateEndpoint, { ref: peRef, instanceId: plan.instanceId });
    yield* call("createPrivateEndpoint", A.ensurePrivateEndpoint,
      { endpoint: pe, privateLinkServiceId: ready.privateLinkResourceId!, clusterName: cluster.clusterName, tags: plan.tags });
    yield* pollUntil(ctx, progress, {
      step: "createPrivateEndpoint", activity: A.readPrivateEndpoint, input: peRef, timing, check: endpointReady,
      waitingFor: `private endpoint ${pe.name} to be provisioned`,
    });

    const approval = yield* awaitApproval(ctx, plan, progress);

    progress.begin("readEndpointIp");
    const nic = yield* call("readEndpointIp", A.readEndpointIp, peRef);
    if (nic.ip !== pe.ipAddress) throw new StepFailed("readEndpointIp", `endpoint NIC has ${nic.ip}, expected the static ${pe.ipAddress}`);

    progress.begin("createDatacenter", { privateEndpointIpAddress: nic.ip });
    undo.push(`delete datacenter ${dc.datacenterName}`, A.deleteDatacenter, { ref: dcRef, privateEndpointIp: nic.ip });
    yield* call("createDatacenter", A.ensureDatacenter, { datacenter: dc, privateEndpointIp: nic.ip });
    const datacenter = yield* pollUntil(ctx, progress, {
      step: "createDatacenter", activity: A.readDatacenter, input: dcRef, timing, check: datacenterReady,
      waitingFor: `datacenter ${dc.datacenterName} to be provisioned`,
    });

    progress.begin("awaitNodes");
    const nodes = yield* awaitNodesUp(ctx, progress, plan);
    // First certificates: the cluster's rotation (its singleton) issues the CA and client certificates, trusts them
    // and proves them with mTLS against the nodes (it rolls itself back on failure).
    progress.begin("firstCertificates");
    const certificates = yield* runClusterRotation(ctx, progress, "firstCertificates", plan.rotation, plan.instanceId);
    const result = { ...summarize(plan, { ensured, ready, nic, datacenter, nodes, approval }), certificates };
    progress.finish();
    return result;
  } catch (error) {
    return yield* compensateAndFail(ctx, plan, progress, undo, error);
  }
}

/** Runs the compensations newest first (unless the approval deadline says keep) and fails with what was undone. */
function* compensateAndFail(ctx: df.OrchestrationContext, plan: ProvisioningPlan, progress: SagaProgress, undo: CompensationStack, error: unknown): Gen<never> {
  const failure = { step: progress.status.step, ...reasonOf(error) };
  const keepResources = error instanceof ApprovalNotGiven && error.keepResources;
  // The status must not keep showing the failed step's wait ("next check at …") while deletions run.
  if (!keepResources) progress.begin("compensating");
  const compensation = keepResources ? [] : yield* undo.run(ctx, plan.operations);
  progress.fail({ step: failure.step ?? progress.status.step, reason: failure.reason }, compensation);
  const undone = compensation.map((c) => `${c.action}: ${c.outcome}${c.error ? ` (${c.error})` : ""}`).join("; ");
  throw new Error(`Provisioning of ${plan.cluster.clusterName} failed at ${failure.step}: ${failure.reason}. `
    + (keepResources ? "Resources kept (approval.onTimeout = keep)." : `Compensation: ${undone || "nothing to undo"}.`));
}
