// GET /api/provisionings/{id}/undo: the undo that `DELETE /api/provisionings/{id}?compensate=true` started, as its
// own status (what it deleted, kept or could not delete). The undo's instance id is derived from the provisioning's
// (domain/ids.ts), and it belongs to this run of the provisioning only if it started after the run did.
import type { HttpResponseInit } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { findInstance } from "../adapters/durableStatus.js";
import { undoInstanceId } from "../domain/ids.js";
import { orchestrations } from "../names.js";
import { json, problem } from "./httpResponses.js";
import { instanceView } from "./instanceView.js";

export const undoStatusPath = (provisioningId: string) => `/api/provisionings/${encodeURIComponent(provisioningId)}/undo`;

export async function getUndo(provisioningId: string, client: DurableClient): Promise<HttpResponseInit> {
  const provisioning = await findInstance(client, provisioningId);
  if (!provisioning || provisioning.name !== orchestrations.provisionVpnCluster) return problem(404, "ProvisioningNotFound", `No provisioning with id ${provisioningId}.`);
  const undo = await findInstance(client, undoInstanceId(provisioningId));
  const ours = undo && undo.name === orchestrations.undoProvisioning
    && new Date(undo.createdTime).getTime() >= new Date(provisioning.createdTime).getTime();
  if (!ours) return problem(404, "UndoNotFound", `Provisioning ${provisioningId} has no undo: stop it with DELETE …?compensate=true.`);
  return json(200, { ...instanceView(undo), provisioningId });
}
