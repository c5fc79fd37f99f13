// Names of orchestrations, activities and events. They are persisted in durable history: renaming one
// breaks every instance in flight, so add new names instead of changing these.

export const orchestrations = {
  provisionVpnCluster: "provisionVpnCluster",
  awaitEndpointApproval: "awaitEndpointApproval",
  undoProvisioning: "undoProvisioning",
  rotateClusterCertificates: "rotateClusterCertificates",
  rotateFleet: "rotateFleet",
  rotateOneOfFleet: "rotateOneOfFleet",
} as const;

export const activities = {
  preflightProvisioning: "preflightProvisioning",
  ensureCluster: "ensureCluster",
  readCluster: "readCluster",
  ensurePrivateEndpoint: "ensurePrivateEndpoint",
  readPrivateEndpoint: "readPrivateEndpoint",
  readEndpointIp: "readEndpointIp",
  ensureDatacenter: "ensureDatacenter",
  readDatacenter: "readDatacenter",
  readClusterNodes: "readClusterNodes",
  deleteDatacenter: "deleteDatacenter",
  deletePrivateEndpoint: "deletePrivateEndpoint",
  deleteCluster: "deleteCluster",
  readCertificateVersions: "readCertificateVersions",
  readCertificateInventory: "readCertificateInventory",
  beginCertificateVersion: "beginCertificateVersion",
  readCertificateOperation: "readCertificateOperation",
  signAndMergeCertificate: "signAndMergeCertificate",
  setCertificateStage: "setCertificateStage",
  updateClusterTrust: "updateClusterTrust",
  readClusterTrust: "readClusterTrust",
  verifyClientCertificate: "verifyClientCertificate",
} as const;

export const events = {
  /** Raised on the approval wait when Event Grid reports a write on its private endpoint (a hint). */
  endpointApprovalChanged: "EndpointApprovalChanged",
} as const;

export const tags = {
  managedBy: "managed-by",
  /** Set on resources a provisioning created: compensation deletes only what carries its own id. */
  provisioningInstance: "provisioning-instance",
} as const;

/** One provisioning per cluster: a repeated request finds the running or finished instance. */
export function provisioningInstanceId(subscriptionId: string, resourceGroup: string, clusterName: string): string {
  return `provision-${subscriptionId}-${resourceGroup}-${clusterName}`.toLowerCase();
}

/** The approval wait is addressed by its private endpoint, so an Event Grid event maps to it without a lookup. */
export function approvalInstanceId(subscriptionId: string, resourceGroup: string, endpointName: string): string {
  return `approval-${subscriptionId}-${resourceGroup}-${endpointName}`.toLowerCase();
}

/** One rotation per cluster at a time (a singleton): every trigger for a cluster finds the same instance. */
export function rotationInstanceId(subscriptionId: string, resourceGroup: string, clusterName: string): string {
  return `rotate-${subscriptionId}-${resourceGroup}-${clusterName}`.toLowerCase();
}

export function undoInstanceId(provisioningId: string): string {
  return `${provisioningId}-undo`;
}
