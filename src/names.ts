// Names of orchestrations, activities and events. They are persisted in durable history: renaming one
// breaks every instance in flight, so add new names instead of changing these.

export const orchestrations = {
  provisionVpnCluster: "provisionVpnCluster",
  awaitEndpointApproval: "awaitEndpointApproval",
  undoProvisioning: "undoProvisioning",
  rotateClusterCertificates: "rotateClusterCertificates",
  rotateFleet: "rotateFleet",
  rotateOneOfFleet: "rotateOneOfFleet",
  /** The fleet's sliding window paced by the ARM write budget (replaces rotateFleet for new runs). */
  rotateFleetPaced: "rotateFleetPaced",
  /** Sleeps until a CA retire is due, then starts or joins the cluster's rotation (no lock held while it sleeps). */
  wakeRotation: "wakeRotation",
  /** A request that waits for the cluster's running rotation to end, then runs its own plan. */
  queuedRotation: "queuedRotation",
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
  startFleetRotations: "startFleetRotations",
  readFleetRotations: "readFleetRotations",
  tagCertificateVersion: "tagCertificateVersion",
  scheduleRetireWaker: "scheduleRetireWaker",
} as const;

export const events = {
  /** Raised on the approval wait when Event Grid reports a write on its private endpoint (a hint). */
  endpointApprovalChanged: "EndpointApprovalChanged",
} as const;

/**
 * The orchestration version every start is stamped with, explicitly: orchestrators branch on context.df.version
 * (instances without one replay the logic they were recorded with), and whether the host applies host.json's
 * defaultVersion to this language's starts is not verified, so the app does not rely on it. Equals host.json's
 * `defaultVersion` (test/runtime/versioning.test.ts).
 */
export const orchestrationVersion = "4";
