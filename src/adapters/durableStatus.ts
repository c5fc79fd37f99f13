// Reading durable instances through the durable client (triggers and client activities): whether an instance is still running, and its status
// with "no such instance" as undefined.
import type { DurableClient, DurableOrchestrationStatus } from "durable-functions";
import { legacyInstanceId, provisioningInstanceId, rotationInstanceId, type ClusterRef } from "../domain/ids.js";

const ACTIVE = new Set(["Pending", "Running", "ContinuedAsNew", "Suspended"]);

export function isActive(status: DurableOrchestrationStatus): boolean {
  return ACTIVE.has(String(status.runtimeStatus));
}

/** getStatus, with "no such instance" (the client throws on 404, durable-runtime.md §7 #9) as undefined. */
export async function findInstance(client: DurableClient, instanceId: string, showInput = false): Promise<DurableOrchestrationStatus | undefined> {
  try {
    return await client.getStatus(instanceId, { showInput });
  } catch (error) {
    if (/HTTP 404/.test(String((error as Error)?.message))) return undefined;
    throw error;
  }
}

/**
 * The cluster's running provisioning or rotation: under its id, or under the id instances had before version 2
 * (domain/ids.ts `legacyInstanceId`), so an instance in flight across the upgrade stays the cluster's one writer.
 */
export async function runningWriter(client: DurableClient, kind: "provision" | "rotate", ref: ClusterRef): Promise<DurableOrchestrationStatus | undefined> {
  for (const id of [kind === "provision" ? provisioningInstanceId(ref) : rotationInstanceId(ref), legacyInstanceId(kind, ref)]) {
    const status = await findInstance(client, id);
    if (status && isActive(status)) return status;
  }
  return undefined;
}
