// How a cluster, its instances and its resources are addressed, and the tags that say who owns what.
// One writer per cluster (architecture.md): provisioning and rotation derive their instance ids from
// the cluster, so every trigger for a cluster finds the same instance; compensation deletes only
// resources tagged with its own provisioning instance.

import { createHash } from "node:crypto";

/** A cluster's address in ARM. */
export interface ClusterRef {
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
}

/** Tags on the ARM resources the app creates. */
export const tags = {
  managedBy: "managed-by",
  /** Set on resources a provisioning created: compensation deletes only what carries its own id. */
  provisioningInstance: "provisioning-instance",
} as const;

/** Key Vault tags the app puts on certificate versions. */
export const certificateTags = {
  stage: "stage",
  /** The cluster's ARM id: lets a Key Vault event find the cluster from a certificate name. */
  cluster: "cluster",
  managedBy: "managed-by",
} as const;

export function clusterIdOf(ref: ClusterRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.DocumentDB/cassandraClusters/${ref.clusterName}`;
}

// Instance ids: `<kind>:<subscription>:<resource group>:<name>`, lower-case. `:` is in no subscription id, resource group,
// cluster or endpoint name ARM accepts, so the join is injective (resource group `a-b` + cluster `c` and `a` + `b-c`
// differ), and it is legal in instance ids (no / \\ ? # or control characters, host-and-service.md §5). Ids stay within
// 100 characters: a longer one keeps its kind and the name's start and ends in a SHA-256 digest of the full form.
const MAX_INSTANCE_ID = 100;

function instanceId(kind: string, parts: string[]): string {
  const full = `${kind}:${parts.join(":")}`.toLowerCase();
  if (full.length <= MAX_INSTANCE_ID) return full;
  return `${kind}:${parts.at(-1)!.toLowerCase().slice(0, 40)}:${sha256Hex(full).slice(0, 40)}`;
}

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** One provisioning per cluster: a repeated request finds the running or finished instance. */
export function provisioningInstanceId(ref: ClusterRef): string {
  return instanceId("provision", [ref.subscriptionId, ref.resourceGroup, ref.clusterName]);
}

/** The approval wait is addressed by its private endpoint, so an Event Grid event maps to it without a lookup. */
export function approvalInstanceId(subscriptionId: string, resourceGroup: string, endpointName: string): string {
  return instanceId("approval", [subscriptionId, resourceGroup, endpointName]);
}

/** One rotation per cluster at a time (a singleton): every trigger for a cluster finds the same instance. */
export function rotationInstanceId(ref: ClusterRef): string {
  return instanceId("rotate", [ref.subscriptionId, ref.resourceGroup, ref.clusterName]);
}

/** The undo of a stopped provisioning: the same address under its own kind. */
export function undoInstanceId(provisioningId: string): string {
  return provisioningId.startsWith("provision:") ? `undo:${provisioningId.slice("provision:".length)}` : `${provisioningId}-undo`;
}

/** One fleet run per timer tick. */
export function fleetInstanceId(tick: Date): string {
  return `fleet:${tick.toISOString()}`;
}

/**
 * The ids instances got before version 2 (`provision-<sub>-<rg>-<cluster>`): not injective, kept only so that a
 * provisioning or rotation started under one is still found as the cluster's writer while it runs.
 */
export function legacyInstanceId(kind: "provision" | "rotate", ref: ClusterRef): string {
  return `${kind}-${ref.subscriptionId}-${ref.resourceGroup}-${ref.clusterName}`.toLowerCase();
}
