// Starting a cluster's rotation from any trigger: one instance per cluster (a singleton), so two
// triggers at once end up in the same rotation; while the cluster's provisioning runs, its own first
// rotation is the only writer (architecture.md "One writer per cluster").
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { z } from "zod";
import { rotationSettings, type Config } from "../config.js";
import { clientName, toFieldProblems } from "../domain/provisioningRequest.js";
import type { RotationScope } from "../domain/rotation.js";
import { rotationPlanFor, type RotationPlan } from "../domain/rotationPlan.js";
import { orchestrations } from "../names.js";
import { provisioningInstanceId, rotationInstanceId, type ClusterRef } from "../domain/ids.js";
import { invalidRequest, json, problem, readJson } from "./httpResponses.js";
import { findInstance, isActive } from "./durableStatus.js";

export function rotationPlan(config: Readonly<Config>, cluster: ClusterRef, options: { requested?: RotationScope; reason: string; clients?: string[] }): RotationPlan {
  return rotationPlanFor(rotationSettings(config), cluster, options);
}

export type StartOutcome = { instanceId: string; started: boolean } | { instanceId: string; blockedBy: string };

export async function startOrJoinRotation(client: DurableClient, plan: RotationPlan): Promise<StartOutcome> {
  const instanceId = rotationInstanceId(plan.cluster);
  const provisioning = await findInstance(client, provisioningInstanceId(plan.cluster));
  if (provisioning && isActive(provisioning)) return { instanceId, blockedBy: provisioning.instanceId };
  for (let attempt = 1; ; attempt++) {
    const running = await findInstance(client, instanceId);
    if (running && isActive(running)) return { instanceId, started: false };
    try {
      await client.startNew(orchestrations.rotateClusterCertificates, { instanceId, input: plan });
      return { instanceId, started: true };
    } catch (error) {
      // Another trigger started it between our read and our start: the next read joins it (or, if it has
      // finished already, this request starts afresh, since that rotation may have decided something else).
      if (attempt >= 2) throw error;
    }
  }
}

const RotationRequest = z.strictObject({
  scope: z.enum(["client", "ca"]).optional(),
  reason: z.string().max(200).optional(),
  clients: z.array(clientName).max(10).optional(),
});

/** POST /api/clusters/{resourceGroup}/{clusterName}/rotations {"scope"?: "client"|"ca", "reason"?, "clients"?} */
export async function requestRotation(req: HttpRequest, client: DurableClient, config: Readonly<Config>): Promise<HttpResponseInit> {
  const text = (await req.clone().text()).trim();
  const body = text ? await readJson(req) : { ok: true as const, value: {} };
  if (!body.ok) return invalidRequest([{ field: "(body)", message: "must be a JSON object" }]);
  const parsed = RotationRequest.safeParse(body.value);
  if (!parsed.success) return invalidRequest(toFieldProblems(parsed.error));
  const cluster = { subscriptionId: config.azure.subscriptionId, resourceGroup: req.params.resourceGroup ?? "", clusterName: req.params.clusterName ?? "" };
  const plan = rotationPlan(config, cluster, {
    reason: parsed.data.reason ?? `requested over HTTP${parsed.data.scope ? ` (${parsed.data.scope})` : ""}`,
    ...(parsed.data.scope ? { requested: parsed.data.scope } : {}),
    ...(parsed.data.clients ? { clients: parsed.data.clients } : {}),
  });
  const outcome = await startOrJoinRotation(client, plan);
  if ("blockedBy" in outcome) {
    return problem(409, "ProvisioningInProgress", `Cluster ${cluster.clusterName} is being provisioned by ${outcome.blockedBy}; its first certificates are issued there.`, { instanceId: outcome.blockedBy });
  }
  const response = client.createCheckStatusResponse(req, outcome.instanceId);
  if (outcome.started) return response;
  return json(202, { ...((await response.json()) as object), joined: true }, { location: response.headers.get("location") ?? "" });
}
