// How a cluster, its instances and its resources are addressed, and the tags that say who owns what.
// One writer per cluster (architecture.md): provisioning and rotation derive their instance ids from
// the cluster, so every trigger for a cluster finds the same instance; compensation deletes only
// resources tagged with its own provisioning instance.

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

/** One provisioning per cluster: a repeated request finds the running or finished instance. */
export function provisioningInstanceId(ref: ClusterRef): string {
  return `provision-${ref.subscriptionId}-${ref.resourceGroup}-${ref.clusterName}`.toLowerCase();
}

/** The approval wait is addressed by its private endpoint, so an Event Grid event maps to it without a lookup. */
export function approvalInstanceId(subscriptionId: string, resourceGroup: string, endpointName: string): string {
  return `approval-${subscriptionId}-${resourceGroup}-${endpointName}`.toLowerCase();
}

/** One rotation per cluster at a time (a singleton): every trigger for a cluster finds the same instance. */
export function rotationInstanceId(ref: ClusterRef): string {
  return `rotate-${ref.subscriptionId}-${ref.resourceGroup}-${ref.clusterName}`.toLowerCase();
}

export function undoInstanceId(provisioningId: string): string {
  return `${provisioningId}-undo`;
}

/** One fleet run per timer tick. */
export function fleetInstanceId(tick: Date): string {
  return `rotation-fleet-${tick.toISOString().replace(/[:.]/g, "-")}`;
}
