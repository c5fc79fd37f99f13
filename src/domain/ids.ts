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
  /** On an earlier CA version: when its grace ends and it may leave the trust list (ISO time). */
  retireAt: "retireAt",
  /** The CA key generation: on a CA version the generation of its key, on a client the one its CA had. */
  caKey: "caKey",
  /** Backoff after failed rotations, on the current CA version. */
  failures: "failures",
  lastFailure: "lastFailure",
  nextAttemptAt: "nextAttemptAt",
} as const;

export function clusterIdOf(ref: ClusterRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.DocumentDB/cassandraClusters/${ref.clusterName}`;
}

// Instance ids: `<kind>:<subscription>:<resource group>:<name>`, lower-case. `:` is in no subscription id, resource group,
// cluster or endpoint name ARM accepts, so the join is injective (resource group `a-b` + cluster `c` and `a` + `b-c`
// differ), and it is legal in instance ids (no / \\ ? # or control characters, host-and-service.md §5). Ids stay within
// 100 characters: a longer one keeps its kind and the name's start and ends in a SHA-256 digest of the full form.
const MAX_INSTANCE_ID = 100;

// Parts are names already checked against Azure's rules at the edge (domain/azureNames.ts), so each is one URL path
// segment as it is: the durable client puts instance ids into its URLs unencoded, and an id holding `/`, `..`, `?`, `%`
// or a control character would reach another instance or host route. A part outside that alphabet is refused here too.
const ID_PART = /^(?!\.{1,2}$)[A-Za-z0-9._()-]+$/;

function checkedParts(kind: string, parts: string[]): string[] {
  if (!parts.every((part) => ID_PART.test(part))) throw new Error(`refused to derive a ${kind} instance id from a name outside Azure's naming rules`);
  return parts;
}

function instanceId(kind: string, parts: string[]): string {
  checkedParts(kind, parts);
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

/** Sleeps until a cluster's earlier CA is due for retirement, then starts or joins its rotation; holds no lock. */
export function wakerInstanceId(ref: ClusterRef): string {
  return instanceId("wake", [ref.subscriptionId, ref.resourceGroup, ref.clusterName]);
}

/** A request that waits for the running rotation of its cluster: one per cluster and request (a digest of its plan). */
export function queuedRotationInstanceId(ref: ClusterRef, request: string): string {
  return instanceId("queue", [ref.subscriptionId, ref.resourceGroup, ref.clusterName, sha256Hex(request).slice(0, 16)]);
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
  return `${kind}-${checkedParts(kind, [ref.subscriptionId, ref.resourceGroup, ref.clusterName]).join("-")}`.toLowerCase();
}
