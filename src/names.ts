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
  readClusterHealth: "readClusterHealth",
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
  startClusterRotation: "startClusterRotation",
  readClusterRotation: "readClusterRotation",
} as const;

export const events = {
  /** Raised on the approval wait when Event Grid reports a write on its private endpoint (a hint). */
  endpointApprovalChanged: "EndpointApprovalChanged",
} as const;
