// Starting a cluster's rotation from any trigger: one instance per cluster (a singleton), so two
// triggers at once end up in the same rotation; while the cluster's provisioning runs, its own first
// rotation is the only writer (architecture.md "One writer per cluster"). Over HTTP, nothing starts before
// the names are valid and the cluster exists and is the app's to rotate (src/adapters/rotationTarget.ts).
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { z } from "zod";
import { rotationSettings, type Config } from "../config.js";
import { clientName } from "../domain/azureNames.js";
import type { ClusterRef } from "../domain/ids.js";
import type { AdaptersProvider } from "../domain/ports.js";
import { rotationPlanFor, type RotationOptions, type RotationPlan } from "../domain/rotationPlan.js";
import { rotationTargetProblem } from "../adapters/rotationTarget.js";
import { startOrJoinRotation } from "../adapters/rotationSingleton.js";
import { queueUnlessCovered } from "../adapters/rotationQueue.js";
import { checked, clusterOf, jsonBody } from "./edge.js";
import { problem } from "./httpResponses.js";
import { accepted } from "./instanceView.js";

export function rotationPlan(config: Readonly<Config>, cluster: ClusterRef, options: RotationOptions): RotationPlan {
  return rotationPlanFor(rotationSettings(config), cluster, options);
}

/** The body of POST /api/clusters/{resourceGroup}/{clusterName}/rotations (optional: `{}` when empty); also the OpenAPI schema. */
export const RotationRequestSchema = z.strictObject({
  scope: z.enum(["client", "ca"]).optional(),
  reason: z.string().max(200).regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/, "must be one line of printable text").optional(),
  clients: z.array(clientName).max(10).optional(),
});

/** POST /api/clusters/{resourceGroup}/{clusterName}/rotations {"scope"?: "client"|"ca", "reason"?, "clients"?} */
export async function requestRotation(req: HttpRequest, client: DurableClient, deps: { config: Readonly<Config>; adapters: AdaptersProvider }): Promise<HttpResponseInit> {
  const cluster = clusterOf(req, deps.config);
  if (!cluster.ok) return cluster.response;
  const body = await jsonBody(req, { optional: true });
  if (!body.ok) return body.response;
  const parsed = checked(RotationRequestSchema, body.value === undefined ? {} : body.value);
  if (!parsed.ok) return parsed.response;
  const request = parsed.value;
  const refused = await rotationTargetProblem(await deps.adapters(), cluster.value, request.clients ?? [], deps.config.managedByTag);
  if (refused) return problem(refused.status, refused.code, `${refused.message.charAt(0).toUpperCase()}${refused.message.slice(1)}.`);
  const plan = rotationPlan(deps.config, cluster.value, {
    reason: request.reason ?? `requested over HTTP${request.scope ? ` (${request.scope})` : ""}`,
    ...(request.scope ? { requested: request.scope } : {}),
    ...(request.clients ? { clients: request.clients } : {}),
    explicit: true,
  });
  const outcome = await startOrJoinRotation(client, plan);
  if ("blockedBy" in outcome) {
    return problem(409, "ProvisioningInProgress", `Cluster ${cluster.value.clusterName} is being provisioned by ${outcome.blockedBy}; its first certificates are issued there.`, { instanceId: outcome.blockedBy });
  }
  if (outcome.started) return accepted(req, `/api/rotations/${encodeURIComponent(outcome.instanceId)}`, { id: outcome.instanceId });
  // The singleton is busy: joined only when its plan covers this request, else queued behind it (never silently joined).
  const queued = await queueUnlessCovered(client, plan, { instanceId: outcome.instanceId, createdTime: outcome.createdTime });
  return queued
    ? accepted(req, `/api/rotations/${encodeURIComponent(queued)}`, { id: queued, queuedBehind: outcome.instanceId })
    : accepted(req, `/api/rotations/${encodeURIComponent(outcome.instanceId)}`, { id: outcome.instanceId, joined: true });
}
