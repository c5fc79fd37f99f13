// Every HTTP route main.ts registers, as the OpenAPI description shows it (test/unit/openapi.test.ts checks this
// list against the registrations, both ways). Paths are the Functions route templates under /api.
export interface ApiRoute {
  /** The function name main.ts registers: the operationId. */
  name: string;
  method: "GET" | "POST" | "DELETE";
  path: string;
  summary: string;
  body?: "provisioning" | "rotation";
  query?: "compensate" | "kit";
  ok: string;
  okStatus?: "200" | "202";
  okSchema?: "Accepted" | "InstanceView";
  conflict?: string;
  produces?: "html";
}

export const API_ROUTES: readonly ApiRoute[] = [
  { name: "startProvisioning", method: "POST", path: "provisionings", summary: "Provision a VPN-connected cluster (idempotent per cluster)", body: "provisioning",
    okStatus: "202", okSchema: "Accepted", ok: "started, or the same request's running instance (Location: its status route)",
    conflict: "ProvisioningInProgress, ClusterAlreadyProvisioned or ProvisioningBeingUndone: another request owns the cluster" },
  { name: "getProvisioning", method: "GET", okSchema: "InstanceView", path: "provisionings/{id}", summary: "A provisioning's status: step timeline, what it waits on, output or error", ok: "the provisioning" },
  { name: "stopProvisioning", method: "DELETE", path: "provisionings/{id}", summary: "Stop a running provisioning; compensate=true also undoes what it created", query: "compensate",
    okStatus: "202", okSchema: "Accepted", ok: "stopped; with compensate=true, undo.statusUri is the undo's status route", conflict: "ProvisioningCompleted" },
  { name: "getUndo", method: "GET", okSchema: "InstanceView", path: "provisionings/{id}/undo", summary: "The undo a stop with compensate=true started", ok: "the undo, with what it deleted" },
  { name: "getRotation", method: "GET", okSchema: "InstanceView", path: "rotations/{id}", summary: "A certificate rotation's status", ok: "the rotation" },
  ...clusterRoutes(""),
  ...clusterRoutes("InSubscription"),
  { name: "getStatusPage", method: "GET", path: "ui", summary: "The status page (HTML, readable without JavaScript)", ok: "HTML", produces: "html" },
  { name: "getOpenApi", method: "GET", path: "openapi.json", summary: "This description", ok: "OpenAPI 3.1" },
];

/**
 * The cluster routes in one of their two forms (main.ts CLUSTER_ROUTES): short, in AZURE_SUBSCRIPTION_ID, or ARM-shaped,
 * naming a subscription; a subscription the app does not manage answers 403.
 */
function clusterRoutes(form: "" | "InSubscription"): ApiRoute[] {
  const base = form ? "subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}" : "clusters/{resourceGroup}/{clusterName}";
  const where = form ? " (in a managed subscription)" : "";
  return [
    { name: `requestRotation${form}`, method: "POST", path: `${base}/rotations`, summary: `Rotate the cluster's certificates now (joins a running rotation whose plan covers the request, else queues behind it)${where}`,
      body: "rotation", okStatus: "202", okSchema: "Accepted", ok: "started, joined, or queued behind the running rotation", conflict: "ProvisioningInProgress (the provisioning issues the first certificates), ClusterNotManaged, ClusterNotVpn or CertificateNotOwned" },
    { name: `getCertificates${form}`, method: "GET", path: `${base}/certificates`, summary: `CA and client certificate versions, stages, trust, next rotation${where}`,
      ok: "the cluster's certificates", conflict: "CertificateNotOwned: a certificate with one of the cluster's names is not tagged as its own" },
    { name: `getConnectionKit${form}`, method: "GET", path: `${base}/connection-kit`, summary: `cqlshrc, hosts, CA bundle, client certificate, driver examples (never the key)${where}`,
      query: "kit", ok: "the kit's files as strings", conflict: "NoNodes: the cluster reports no nodes yet" },
  ];
}
