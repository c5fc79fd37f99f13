// Data center resources (reference §2) and the loopback nodes the emulator gives them once provisioned.
import { randomUUID } from "node:crypto";
import { idKey } from "../ids.js";
import type { ArmResource, ArmState, DataCenterRecord } from "../state.js";
import { asRecord, type Json } from "./clusterModel.js";
import { NodeAddressPool } from "./nodeAddresses.js";

export const DATA_CENTER_TYPE = "Microsoft.DocumentDB/cassandraClusters/dataCenters";
const SERVER_OWNED = ["provisioningState", "seedNodes", "provisionError"];
const CREATE_ONLY = ["dataCenterLocation", "delegatedSubnetId"];
/** Cassandra's usual seed count per data center. */
const SEEDS_PER_DATA_CENTER = 3;

const writable = (input: unknown): Json =>
  Object.fromEntries(Object.entries(asRecord(input)).filter(([key]) => !SERVER_OWNED.includes(key)));

export function newDataCenter(id: string, name: string, body: Json): ArmResource {
  return { id, name, type: DATA_CENTER_TYPE, properties: { ...writable(body.properties), provisioningState: "Creating", seedNodes: [] } };
}

/** PUT replaces writable properties, PATCH merges them; create-only ones keep their first value either way. */
export function updateDataCenter(existing: ArmResource, body: Json, mode: "replace" | "merge"): ArmResource {
  const incoming = writable(body.properties);
  for (const key of CREATE_ONLY) delete incoming[key];
  const { provisionError: _cleared, ...current } = existing.properties;
  const base = mode === "merge" ? current : Object.fromEntries(CREATE_ONLY.filter((k) => k in current).map((k) => [k, current[k]]));
  return { ...existing, properties: { ...base, ...incoming, seedNodes: current.seedNodes ?? [], provisioningState: "Updating" } };
}

export function dataCentersOf(state: ArmState, clusterKey: string): DataCenterRecord[] {
  return [...state.dataCenters.values()].filter((dc) => dc.clusterKey === clusterKey);
}

/** Grows or shrinks the node set to `nodeCount` and derives the seed nodes from it. */
export function reconcileNodes(state: ArmState, record: DataCenterRecord): void {
  const pool = new NodeAddressPool(state.nodeAddresses);
  const wanted = Math.max(0, Number(record.resource.properties.nodeCount ?? 3));
  if (record.nodes.length > wanted) pool.release(record.nodes.splice(wanted).map((n) => n.address));
  const added = pool.allocate(idKey(record.resource.id), wanted - record.nodes.length);
  record.nodes.push(...added.map((address) => ({ address, hostId: randomUUID() })));
  record.resource.properties.seedNodes = record.nodes.slice(0, SEEDS_PER_DATA_CENTER).map((n) => ({ ipAddress: n.address }));
}

export function removeDataCenter(state: ArmState, key: string): void {
  const record = state.dataCenters.get(key);
  if (!record) return;
  new NodeAddressPool(state.nodeAddresses).release(record.nodes.map((n) => n.address));
  state.dataCenters.delete(key);
  refreshClusterSeedNodes(state, record.clusterKey);
}

/** A cluster's `seedNodes` lists its external seeds and every data center's seeds (spec example ClusterCreate). */
export function refreshClusterSeedNodes(state: ArmState, clusterKey: string): void {
  const cluster = state.clusters.get(clusterKey);
  if (!cluster) return;
  const external = (cluster.properties.externalSeedNodes as unknown[] | undefined) ?? [];
  const managed = dataCentersOf(state, clusterKey).flatMap((dc) => (dc.resource.properties.seedNodes as unknown[] | undefined) ?? []);
  cluster.properties.seedNodes = [...external, ...managed];
}
