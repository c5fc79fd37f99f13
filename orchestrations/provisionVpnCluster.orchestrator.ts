// The VPN provisioning saga (architecture.md "The two sagas"): cluster → private link service id →
// private endpoint with a static IP → approval → NIC IP → datacenter → nodes Up. On failure the
// compensations run newest first; the instance fails with the reason and what was undone.
import type * as df from "durable-functions";
import type { ClusterReading } from "../activities/cluster.activity.js";
import type { DatacenterReading } from "../activities/datacenter.activity.js";
import type { EndpointReading } from "../activities/privateEndpoint.activity.js";
import type { PreflightOutcome } from "../activities/preflight.activity.js";
import type { StepResult } from "../activities/stepResult.js";
import type { NodeStatus } from "../src/adapters/ports.js";
import type { ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { activities as A, orchestrations } from "../src/names.js";
import type { ApprovalResult, ApprovalWaitInput } from "./awaitEndpointApproval.orchestrator.js";
import { CompensationStack } from "./compensation.js";
import { pollUntil } from "./polling.js";
import { SagaProgress } from "./progress.js";
import { clusterReady, datacenterReady, endpointReady, nodesUp, summarize } from "./provisioningChecks.js";
import { StepFailed, reasonOf, transientRetry, unwrap } from "./steps.js";

export function* provisionVpnCluster(ctx: df.OrchestrationContext): Generator<df.Task, unknown, unknown> {
  const plan = ctx.df.getInput() as ProvisioningPlan;
  const { cluster, privateEndpoint: pe, datacenter: dc, operations: timing } = plan;
  const clusterRef = { subscriptionId: cluster.subscriptionId, resourceGroup: cluster.resourceGroup, clusterName: cluster.clusterName };
  const peRef = { subscriptionId: pe.subscriptionId, resourceGroup: pe.resourceGroup, name: pe.name };
  const progress = new SagaProgress(ctx);
  const undo = new CompensationStack();
  const call = function* <T>(step: string, activity: string, input: unknown): Generator<df.Task, T, unknown> {
    return unwrap((yield ctx.df.callActivityWithRetry(activity, transientRetry, input)) as StepResult<T>, step);
  };
  let keepResources = false;
  try {
    progress.begin("preflight");
    const preflight = yield* call<PreflightOutcome>("preflight", A.preflightProvisioning, plan);
    if (!preflight.ok) throw new StepFailed("preflight", preflight.problems.join("; "));

    progress.begin("createCluster");
    undo.push(`delete cluster ${cluster.clusterName}`, A.deleteCluster, { ref: clusterRef, instanceId: plan.instanceId });
    const ensured = yield* call<{ createdByThisSaga: boolean }>("createCluster", A.ensureCluster, plan);
    const ready = yield* pollUntil<unknown, ClusterReading>(ctx, progress, {
      step: "createCluster", activity: A.readCluster, input: clusterRef, timing, check: clusterReady,
      waitingFor: `cluster ${cluster.clusterName} to be provisioned with its private link service`,
    });

    progress.begin("createPrivateEndpoint", { privateLinkResourceId: ready.privateLinkResourceId });
    undo.push(`delete private endpoint ${pe.name}`, A.deletePrivateEndpoint, { ref: peRef, instanceId: plan.instanceId });
    yield* call("createPrivateEndpoint", A.ensurePrivateEndpoint,
      { endpoint: pe, privateLinkServiceId: ready.privateLinkResourceId, clusterName: cluster.clusterName, tags: plan.tags });
    yield* pollUntil<unknown, EndpointReading>(ctx, progress, {
      step: "createPrivateEndpoint", activity: A.readPrivateEndpoint, input: peRef, timing, check: endpointReady,
      waitingFor: `private endpoint ${pe.name} to be provisioned`,
    });

    const since = ctx.df.currentUtcDateTime;
    const deadline = new Date(since.getTime() + plan.approval.deadlineMs).toISOString();
    progress.begin("awaitApproval", { approvalInstanceId: plan.approval.instanceId, deadline });
    progress.waiting(`approval of ${pe.name} since ${since.toISOString()}, deadline ${deadline}`);
    const waitInput: ApprovalWaitInput = { endpoint: peRef, since: since.toISOString(), deadline, pollIntervalMs: plan.approval.pollIntervalMs, checks: 0 };
    const approval = (yield ctx.df.callSubOrchestrator(orchestrations.awaitEndpointApproval, waitInput, plan.approval.instanceId)) as ApprovalResult;
    if (approval.outcome !== "Approved") {
      keepResources = approval.outcome === "DeadlineExceeded" && plan.approval.onTimeout === "keep";
      throw new StepFailed("awaitApproval", `private endpoint connection ${approval.outcome}${approval.description ? ` (${approval.description})` : ""}`);
    }

    progress.begin("readEndpointIp");
    const nic = yield* call<{ ip: string; privateEndpointId: string }>("readEndpointIp", A.readEndpointIp, peRef);
    if (nic.ip !== pe.ipAddress) throw new StepFailed("readEndpointIp", `endpoint NIC has ${nic.ip}, expected the static ${pe.ipAddress}`);

    progress.begin("createDatacenter", { privateEndpointIpAddress: nic.ip });
    undo.push(`delete datacenter ${dc.datacenterName}`, A.deleteDatacenter, { ref: dc, privateEndpointIp: nic.ip });
    yield* call("createDatacenter", A.ensureDatacenter, { datacenter: dc, privateEndpointIp: nic.ip });
    const datacenter = yield* pollUntil<unknown, DatacenterReading>(ctx, progress, {
      step: "createDatacenter", activity: A.readDatacenter, input: dc, timing, check: datacenterReady,
      waitingFor: `datacenter ${dc.datacenterName} to be provisioned`,
    });

    progress.begin("awaitNodes");
    const nodes = yield* pollUntil<unknown, NodeStatus[]>(ctx, progress, {
      step: "awaitNodes", activity: A.readClusterNodes, input: clusterRef, timing, check: nodesUp(dc.datacenterName, dc.nodeCount),
      waitingFor: `${dc.nodeCount} nodes of ${dc.datacenterName} to report Up`,
    });
    // First certificates: the cluster's rotation, under its singleton id, issues the CA and client certificates,
    // trusts them and proves them with mTLS against the nodes (it rolls itself back on failure).
    progress.begin("firstCertificates");
    const certificates = yield ctx.df.callSubOrchestrator(orchestrations.rotateClusterCertificates, plan.rotation, plan.rotationInstanceId);
    const result = { ...summarize(plan, { ensured, ready, nic, datacenter, nodes, approval }), certificates };
    progress.finish(result);
    return result;
  } catch (error) {
    const failure = { step: progress.status.step, ...reasonOf(error) };
    // The status must not keep showing the failed step's wait ("next check at …") while deletions run.
    if (!keepResources) progress.begin("compensating");
    const compensation = keepResources ? [] : yield* undo.run(ctx, timing);
    progress.fail({ step: failure.step ?? progress.status.step, reason: failure.reason }, compensation);
    const undone = compensation.map((c) => `${c.action}: ${c.outcome}${c.error ? ` (${c.error})` : ""}`).join("; ");
    throw new Error(`Provisioning of ${cluster.clusterName} failed at ${failure.step}: ${failure.reason}. `
      + (keepResources ? "Resources kept (approval.onTimeout = keep)." : `Compensation: ${undone || "nothing to undo"}.`));
  }
}
