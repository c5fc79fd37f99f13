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
import type { ClusterRef } from "../domain/ids.js";
import { invalidRequest, problem, readJson } from "./httpResponses.js";
import { accepted } from "./instanceView.js";
import { startOrJoinRotation } from "../adapters/rotationSingleton.js";

export function rotationPlan(config: Readonly<Config>, cluster: ClusterRef, options: { requested?: RotationScope; reason: string; clients?: string[] }): RotationPlan {
  return rotationPlanFor(rotationSettings(config), cluster, options);
}

export const RotationRequest = z.strictObject({
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
  return accepted(req, `/api/rotations/${encodeURIComponent(outcome.instanceId)}`, { id: outcome.instanceId, ...(outcome.started ? {} : { joined: true }) });
}
