// POST /api/provisionings: validate, derive the cluster's instance id, and start the saga once.
// The same request again finds the same instance; another request for a cluster whose saga is
// running (or done) is a 409 naming it; a failed or stopped one may be started again.
import { isDeepStrictEqual } from "node:util";
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient, DurableOrchestrationStatus } from "durable-functions";
import { isManagedSubscription, rotationSettings, type Config } from "../config.js";
import { buildProvisioningPlan, type ProvisioningPlan } from "../domain/provisioningPlan.js";
import { parseProvisioningRequest } from "../domain/provisioningRequest.js";
import { orchestrations, orchestrationVersion } from "../names.js";
import { undoInstanceId } from "../domain/ids.js";
import { jsonBody, subscriptionNotManaged } from "./edge.js";
import { invalidRequest, json, problem } from "./httpResponses.js";
import { accepted } from "./instanceView.js";
import { findInstance, isActive, runningWriter } from "../adapters/durableStatus.js";

export async function startProvisioning(req: HttpRequest, client: DurableClient, config: Readonly<Config>): Promise<HttpResponseInit> {
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = parseProvisioningRequest(body.value);
  if (!parsed.ok) return invalidRequest(parsed.problems);
  // A request may name the cluster's subscription, one the app manages (MANAGED_SUBSCRIPTIONS); none means AZURE_SUBSCRIPTION_ID.
  if (parsed.value.subscriptionId !== undefined && !isManagedSubscription(config, parsed.value.subscriptionId)) return subscriptionNotManaged();
  const plan = buildProvisioningPlan(parsed.value, {
    subscriptionId: config.azure.subscriptionId,
    managedByTag: config.managedByTag,
    approval: config.approval,
    operations: config.operations,
    rotation: rotationSettings(config),
  });

  const undo = await findInstance(client, undoInstanceId(plan.instanceId));
  if (undo && isActive(undo)) {
    return problem(409, "ProvisioningBeingUndone", `Cluster ${plan.cluster.clusterName} is being cleaned up by instance ${undo.instanceId}.`, { instanceId: undo.instanceId });
  }
  const legacy = await runningWriter(client, "provision", plan.cluster);
  if (legacy && legacy.instanceId !== plan.instanceId) {
    return problem(409, "ProvisioningInProgress", `A provisioning of cluster ${plan.cluster.clusterName} is running as instance ${legacy.instanceId}.`, { instanceId: legacy.instanceId });
  }
  const existing = await findInstance(client, plan.instanceId, true);
  if (existing) {
    const answer = answerForExisting(req, existing, plan);
    if (answer) return answer;
  }
  try {
    await client.startNew(orchestrations.provisionVpnCluster, { instanceId: plan.instanceId, input: plan, version: orchestrationVersion });
  } catch (error) {
    // Two identical POSTs at once: the loser finds the winner's instance.
    const now = await findInstance(client, plan.instanceId, true);
    const answer = now && answerForExisting(req, now, plan);
    if (answer) return answer;
    throw error;
  }
  return startedAnswer(req, plan.instanceId);
}

function answerForExisting(req: HttpRequest, existing: DurableOrchestrationStatus, plan: ProvisioningPlan): HttpResponseInit | undefined {
  const same = isDeepStrictEqual((existing.input as ProvisioningPlan | undefined)?.request, plan.request);
  const cluster = plan.cluster.clusterName;
  if (isActive(existing)) {
    if (same) return startedAnswer(req, existing.instanceId);
    return problem(409, "ProvisioningInProgress", `A different provisioning of cluster ${cluster} is running as instance ${existing.instanceId}.`, { instanceId: existing.instanceId });
  }
  if (existing.runtimeStatus === "Completed") {
    if (same) return json(200, { id: existing.instanceId, runtimeStatus: existing.runtimeStatus, output: existing.output });
    return problem(409, "ClusterAlreadyProvisioned", `Cluster ${cluster} was provisioned by instance ${existing.instanceId} with a different request.`, { instanceId: existing.instanceId });
  }
  return undefined;
}

const startedAnswer = (req: HttpRequest, id: string) => accepted(req, `/api/provisionings/${encodeURIComponent(id)}`, { id });
