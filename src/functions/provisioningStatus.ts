// GET /api/provisionings/{id}: runtime status plus the saga's readable progress (and, while it waits for
// approval, the wait's own next check). DELETE /api/provisionings/{id}?compensate=true|false stops it.
import { isDeepStrictEqual } from "node:util";
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient, DurableOrchestrationStatus } from "durable-functions";
import type { ProvisioningPlan } from "../domain/provisioningPlan.js";
import { orchestrations, orchestrationVersion } from "../names.js";
import { undoInstanceId } from "../domain/ids.js";
import { json, problem } from "./httpResponses.js";
import { instanceView } from "./instanceView.js";
import { findInstance, isActive } from "../adapters/durableStatus.js";
import { undoStatusPath } from "./undoStatus.js";

function view(status: DurableOrchestrationStatus, approval?: DurableOrchestrationStatus) {
  // A stopped or ended saga waits on nothing: the last wait it published is history, not a promise.
  const { waitingOn: _waitingOn, ...ended } = (status.customStatus ?? {}) as Record<string, unknown>;
  const progress = isActive(status) ? (status.customStatus ?? {}) as Record<string, unknown> : ended;
  const waiting = approval && isActive(approval) ? (approval.customStatus as Record<string, unknown> | undefined) : undefined;
  return instanceView(status, waiting?.waitingOn ? { ...progress, waitingOn: waiting.waitingOn, nextCheckAt: waiting.nextCheckAt } : progress);
}

export async function getProvisioning(id: string, client: DurableClient): Promise<HttpResponseInit> {
  const status = await findInstance(client, id);
  if (!status || status.name !== orchestrations.provisionVpnCluster) return problem(404, "ProvisioningNotFound", `No provisioning with id ${id}.`);
  const approvalId = ((status.customStatus as { details?: { approvalInstanceId?: string } } | undefined)?.details)?.approvalInstanceId;
  const approval = approvalId ? await findInstance(client, approvalId) : undefined;
  // The undo id is fixed per cluster: an undo belongs to this run only if it started after it, once it stopped.
  const found = isActive(status) ? undefined : await findInstance(client, undoInstanceId(id));
  const undo = found && new Date(found.createdTime).getTime() >= new Date(status.createdTime).getTime() ? found : undefined;
  return json(200, { ...view(status, approval), ...(undo ? { undo: { id: undo.instanceId, runtimeStatus: undo.runtimeStatus, progress: undo.customStatus } } : {}) });
}

export async function stopProvisioning(req: HttpRequest, id: string, client: DurableClient): Promise<HttpResponseInit> {
  const compensate = req.query.get("compensate") ?? "false";
  if (compensate !== "true" && compensate !== "false") return problem(400, "InvalidRequest", "The query parameter compensate must be true or false.");
  const status = await findInstance(client, id, true);
  if (!status || status.name !== orchestrations.provisionVpnCluster) return problem(404, "ProvisioningNotFound", `No provisioning with id ${id}.`);
  if (status.runtimeStatus === "Completed") {
    return problem(409, "ProvisioningCompleted", `Provisioning ${id} has completed; there is nothing to stop.`);
  }
  const plan = status.input as ProvisioningPlan;
  if (isActive(status)) {
    await client.terminate(id, compensate === "true" ? "stopped by request; undoing" : "stopped by request; resources kept");
    const approval = await findInstance(client, plan.approval.instanceId);
    if (approval && isActive(approval)) await client.terminate(plan.approval.instanceId, "provisioning stopped");
    // Its first certificates run as the cluster's rotation singleton, started by this saga: stop that run too
    // (terminating the saga does not stop what it started, host-and-service.md §7), but no rotation of anyone else.
    const rotation = await findInstance(client, plan.rotationInstanceId, true);
    if (rotation && isActive(rotation) && isDeepStrictEqual(rotation.input, plan.rotation)) await client.terminate(plan.rotationInstanceId, "provisioning stopped");
  }
  if (compensate === "false") return json(202, { id, runtimeStatus: "Terminated", compensate: false });
  const undoId = undoInstanceId(id);
  const undo = await findInstance(client, undoId);
  if (!undo || !isActive(undo)) await client.startNew(orchestrations.undoProvisioning, { instanceId: undoId, input: plan, version: orchestrationVersion });
  return json(202, { id, compensate: true, undo: { id: undoId, statusUri: `${new URL(req.url).origin}${undoStatusPath(id)}` } }, { location: `${new URL(req.url).origin}/api/provisionings/${encodeURIComponent(id)}` });
}
