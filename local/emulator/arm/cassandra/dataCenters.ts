// `.../cassandraClusters/{c}/dataCenters`: list, get, PUT, PATCH, DELETE (reference §2). A VPN cluster's data center
// only provisions through an approved private endpoint whose IP is its `privateEndpointIpAddress` (§1.3 step 5).
import type { ErrorDetail } from "../../core/errors.js";
import type { EmulatorRequest, EmulatorResponse, Route } from "../../types.js";
import type { ArmContext } from "../context.js";
import { badRequest, clusterBusy, resourceNotFound } from "../errors.js";
import { clusterId, dataCenterId, idKey, type RouteParams } from "../ids.js";
import type { OperationRecord } from "../lro.js";
import { approvedEndpointFor } from "../network/privateEndpointModel.js";
import type { ArmResource, ArmState } from "../state.js";
import { recordFailure, startCassandraOperation } from "./cassandraLro.js";
import { asRecord, CLUSTER_TYPE, isVpnCluster } from "./clusterModel.js";
import { CLUSTERS } from "./clusters.js";
import {
  DATA_CENTER_TYPE, dataCentersOf, newDataCenter, reconcileNodes, refreshClusterSeedNodes, removeDataCenter, updateDataCenter,
} from "./dataCenterModel.js";

const DATA_CENTERS = `${CLUSTERS}/{clusterName}/dataCenters`;
const DATA_CENTER = `${DATA_CENTERS}/{dataCenterName}`;

export function dataCenterRoutes(arm: ArmContext): Route[] {
  const { state, lro } = arm;
  const clusterOf = (p: RouteParams) => state.clusters.get(idKey(clusterId(p)));
  const clusterMissing = (p: RouteParams) => resourceNotFound(CLUSTER_TYPE, p.clusterName ?? "", p.resourceGroupName);
  const dcMissing = (p: RouteParams) => resourceNotFound(DATA_CENTER_TYPE, `${p.clusterName}/${p.dataCenterName}`, p.resourceGroupName);

  /** Shared by PUT and PATCH: checks the cluster, stores the new resource, starts the LRO. */
  const write = (req: EmulatorRequest, p: RouteParams, build: (existing?: ArmResource) => ArmResource | undefined): EmulatorResponse => {
    const cluster = clusterOf(p);
    if (!cluster) return clusterMissing(p);
    if (lro.isLocked(idKey(cluster.id))) return clusterBusy(cluster.name);
    if (cluster.properties.provisioningState !== "Succeeded") {
      return badRequest("BadRequest", `Cluster ${cluster.name} is ${String(cluster.properties.provisioningState)}; data centers can only be changed on a Succeeded cluster.`);
    }
    const key = idKey(dataCenterId(p));
    const existing = state.dataCenters.get(key);
    const resource = build(existing?.resource);
    if (!resource) return dcMissing(p);
    if (isVpnCluster(cluster) && typeof resource.properties.privateEndpointIpAddress !== "string") {
      return badRequest("BadRequest", "privateEndpointIpAddress is required for a data center of a cluster whose azureConnectionMethod is VPN.");
    }
    state.dataCenters.set(key, { resource, clusterKey: idKey(cluster.id), nodes: existing?.nodes ?? [] });
    const op = startCassandraOperation(arm, req, cluster, resource.id, "cassandraDataCenter.write");
    const status = req.method === "PATCH" ? 202 : existing ? 200 : 201;
    return { status, headers: lro.headers(op, false), body: resource };
  };

  registerDataCenterCompletions(arm);
  return [
    { method: "GET", path: DATA_CENTERS, handler: (_req, p) => {
      const cluster = clusterOf(p);
      if (!cluster) return clusterMissing(p);
      return { status: 200, body: { value: dataCentersOf(state, idKey(cluster.id)).map((dc) => dc.resource) } };
    } },
    { method: "GET", path: DATA_CENTER, handler: (_req, p) => {
      const record = state.dataCenters.get(idKey(dataCenterId(p)));
      return record ? { status: 200, body: record.resource } : dcMissing(p);
    } },
    { method: "PUT", path: DATA_CENTER, handler: (req, p) => write(req, p, (existing) =>
      existing ? updateDataCenter(existing, asRecord(req.body), "replace")
        : newDataCenter(dataCenterId(p), p.dataCenterName ?? "", asRecord(req.body))) },
    { method: "PATCH", path: DATA_CENTER, handler: (req, p) => write(req, p, (existing) =>
      existing && updateDataCenter(existing, asRecord(req.body), "merge")) },
    { method: "DELETE", path: DATA_CENTER, handler: (req, p) => {
      const record = state.dataCenters.get(idKey(dataCenterId(p)));
      const cluster = clusterOf(p);
      if (!record || !cluster) return { status: 204 };
      if (lro.isLocked(idKey(cluster.id))) return clusterBusy(cluster.name);
      record.resource.properties.provisioningState = "Deleting";
      const op = startCassandraOperation(arm, req, cluster, record.resource.id, "cassandraDataCenter.delete");
      return { status: 202, headers: lro.headers(op, true) };
    } },
  ];
}

function registerDataCenterCompletions({ state, lro }: ArmContext): void {
  const fail = (op: OperationRecord, error: ErrorDetail) => recordFailure(state.dataCenters.get(idKey(op.target))?.resource, error);
  lro.register("cassandraDataCenter.write", {
    succeed(op) {
      const record = state.dataCenters.get(idKey(op.target));
      const cluster = record && state.clusters.get(record.clusterKey);
      if (!record || !cluster) return undefined;
      const error = isVpnCluster(cluster) ? vpnPathError(state, cluster, record.resource) : undefined;
      if (error) return error;
      reconcileNodes(state, record);
      record.resource.properties.provisioningState = "Succeeded";
      refreshClusterSeedNodes(state, record.clusterKey);
      return undefined;
    },
    fail,
  });
  lro.register("cassandraDataCenter.delete", {
    succeed(op) {
      removeDataCenter(state, idKey(op.target));
      return undefined;
    },
    fail,
  });
}

/** The real dependency (§1.3): nodes reach the cluster only through an approved endpoint with the given IP. */
function vpnPathError(state: ArmState, cluster: ArmResource, dataCenter: ArmResource): ErrorDetail | undefined {
  const privateLinkServiceId = String(cluster.properties.privateLinkResourceId ?? "");
  const ip = String(dataCenter.properties.privateEndpointIpAddress);
  if (approvedEndpointFor(state, privateLinkServiceId, ip)) return undefined;
  return { code: "PrivateEndpointNotApproved",
    message: `No approved private endpoint connection to ${privateLinkServiceId} with IP address ${ip}; the data center cannot reach the cluster.` };
}
