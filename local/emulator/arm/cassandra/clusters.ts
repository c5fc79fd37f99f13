// Microsoft.DocumentDB/cassandraClusters: list, get, PUT, PATCH, DELETE, status (reference §1).
import type { ErrorDetail } from "../../core/errors.js";
import type { EmulatorRequest, Route } from "../../types.js";
import type { ArmContext } from "../context.js";
import { clusterBusy, locationRequired, notImplemented, resourceNotFound } from "../errors.js";
import { clusterId, idKey, type RouteParams } from "../ids.js";
import type { OperationRecord } from "../lro.js";
import type { ArmResource } from "../state.js";
import { recordFailure, startCassandraOperation } from "./cassandraLro.js";
import {
  asRecord, CLUSTER_TYPE, isVpnCluster, newCluster, patchCluster, privateLinkServiceIdFor, replaceCluster,
} from "./clusterModel.js";
import { dataCentersOf, removeDataCenter } from "./dataCenterModel.js";
import { StaleClusterReads } from "./staleReads.js";
import { clusterStatus } from "./status.js";

export const CLUSTERS = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DocumentDB/cassandraClusters";
const CLUSTER = `${CLUSTERS}/{clusterName}`;

export function clusterRoutes(arm: ArmContext): Route[] {
  const { state, lro } = arm;
  const notFound = (p: RouteParams) => resourceNotFound(CLUSTER_TYPE, p.clusterName ?? "", p.resourceGroupName);
  const stale = new StaleClusterReads(arm.clusterQuirks.staleReadsMs, arm.ctx.now);
  const list = (prefix: string) => ({
    status: 200,
    body: { value: [...state.clusters].filter(([key]) => key.startsWith(idKey(prefix))).map(([key, c]) => stale.visible(key, c)) },
  });
  const startOp = (req: EmulatorRequest, cluster: ArmResource, kind: string) => startCassandraOperation(arm, req, cluster, cluster.id, kind);

  registerClusterCompletions(arm);
  return [
    { method: "GET", path: "/subscriptions/{subscriptionId}/providers/Microsoft.DocumentDB/cassandraClusters",
      handler: (_req, p) => list(`/subscriptions/${p.subscriptionId}/`) },
    { method: "GET", path: CLUSTERS, handler: (_req, p) => list(`/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/`) },
    { method: "GET", path: CLUSTER, handler: (_req, p) => {
      const key = idKey(clusterId(p));
      const cluster = state.clusters.get(key);
      return cluster ? { status: 200, body: stale.visible(key, cluster) } : notFound(p);
    } },
    { method: "GET", path: `${CLUSTER}/status`, handler: (_req, p) => {
      const key = idKey(clusterId(p));
      return state.clusters.has(key) ? { status: 200, body: clusterStatus(state, key) } : notFound(p);
    } },
    { method: "PUT", path: CLUSTER, handler: (req, p) => {
      const id = clusterId(p);
      if (lro.isLocked(idKey(id))) return clusterBusy(p.clusterName ?? "");
      const existing = state.clusters.get(idKey(id));
      const body = asRecord(req.body);
      if (!existing && typeof body.location !== "string") return locationRequired();
      const cluster = existing ? replaceCluster(existing, body) : newCluster(id, p.clusterName ?? "", body);
      const password = asRecord(body.properties).initialCassandraAdminPassword;
      if (!existing && typeof password === "string") state.cassandraAdminPasswords.set(idKey(id), password);
      state.clusters.set(idKey(id), cluster);
      const op = startOp(req, cluster, "cassandraCluster.write");
      if (existing) stale.updated(idKey(id), existing, op);
      return { status: existing ? 200 : 201, headers: lro.headers(op, false), body: cluster };
    } },
    { method: "PATCH", path: CLUSTER, handler: (req, p) => {
      const key = idKey(clusterId(p));
      const existing = state.clusters.get(key);
      if (!existing) return notFound(p);
      if (arm.clusterQuirks.patchNotImplemented) return notImplemented("PATCH", CLUSTER_TYPE);
      if (lro.isLocked(key)) return clusterBusy(existing.name);
      const cluster = patchCluster(existing, asRecord(req.body));
      state.clusters.set(key, cluster);
      const op = startOp(req, cluster, "cassandraCluster.write");
      stale.updated(key, existing, op);
      // No Location on PATCH: with one, the SDK's final GET would return the status document (reference §3.2).
      return { status: 202, headers: lro.headers(op, false), body: cluster };
    } },
    { method: "DELETE", path: CLUSTER, handler: (req, p) => {
      const key = idKey(clusterId(p));
      const existing = state.clusters.get(key);
      if (!existing) return { status: 204 };
      if (lro.isLocked(key)) return clusterBusy(existing.name);
      existing.properties.provisioningState = "Deleting";
      stale.forget(key);
      return { status: 202, headers: lro.headers(startOp(req, existing, "cassandraCluster.delete"), true) };
    } },
  ];
}

function registerClusterCompletions({ state, lro }: ArmContext): void {
  const fail = (op: OperationRecord, error: ErrorDetail) => recordFailure(state.clusters.get(idKey(op.target)), error);
  lro.register("cassandraCluster.write", {
    succeed(op) {
      const cluster = state.clusters.get(idKey(op.target));
      if (!cluster) return undefined;
      cluster.properties.provisioningState = "Succeeded";
      // When privateLinkResourceId appears during creation is UNVERIFIED (§10); the emulator sets it on success.
      if (isVpnCluster(cluster)) cluster.properties.privateLinkResourceId = privateLinkServiceIdFor(cluster);
      else delete cluster.properties.privateLinkResourceId;
      return undefined;
    },
    fail,
  });
  lro.register("cassandraCluster.delete", {
    succeed(op) {
      const key = idKey(op.target);
      for (const dc of dataCentersOf(state, key)) removeDataCenter(state, idKey(dc.resource.id));
      state.clusters.delete(key);
      state.cassandraAdminPasswords.delete(key);
      return undefined;
    },
    fail,
  });
}
