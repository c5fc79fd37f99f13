// Which emulated Cassandra nodes exist, named like Azure's (architecture.md "Certificates and Key Vault": hosts lines
// `<ip> <dc>00000N.managedcassandra.cosmos.azure.com`), read from the ARM state the status endpoint also shows.
import { createHash } from "node:crypto";
import { dataCentersOf } from "../arm/cassandra/dataCenterModel.js";
import type { ArmState } from "../arm/state.js";

export const NODE_DNS_SUFFIX = "managedcassandra.cosmos.azure.com";
export type NodeNameShape = "datacenter" | "internal";
/** The rack `GET C/status` reports for every node (arm/cassandra/status.ts). */
export const NODE_RACK = "rack1";
/** Cassandra 4.0's default num_tokens. */
const TOKENS_PER_NODE = 16;

export interface EmulatedNodeSpec {
  clusterKey: string;
  clusterId: string;
  clusterName: string;
  dataCenter: string;
  /** 0-based position within its data center: dc1000000, dc1000001, … */
  index: number;
  address: string;
  hostId: string;
  hostname: string;
}

export function nodeHostname(dataCenter: string, index: number, shape: NodeNameShape = "datacenter"): string {
  const suffix = shape === "internal" ? "managedcassandra.internal.cosmos.azure.com" : NODE_DNS_SUFFIX;
  return `${dataCenter.toLowerCase()}${String(index).padStart(6, "0")}.${suffix}`;
}

/** Every node of every data center that has been provisioned (the same nodes `GET C/status` lists). */
export function provisionedNodes(state: ArmState, shape: NodeNameShape = "datacenter"): EmulatedNodeSpec[] {
  return [...state.clusters.entries()].flatMap(([clusterKey, cluster]) =>
    dataCentersOf(state, clusterKey).flatMap((dc) => dc.nodes.map((node, index) => ({
      clusterKey,
      clusterId: cluster.id,
      clusterName: cluster.name,
      dataCenter: dc.resource.name,
      index,
      address: node.address,
      hostId: node.hostId,
      hostname: nodeHostname(dc.resource.name, index, shape),
    }))));
}

/** Murmur3 tokens, stable per node, so the driver's token map is the same on every connection. */
export function nodeTokens(hostId: string): string[] {
  const digest = createHash("sha256").update(hostId).digest();
  return Array.from({ length: TOKENS_PER_NODE }, (_, i) =>
    createHash("sha256").update(digest).update(String(i)).digest().readBigInt64BE(0).toString());
}

/** One schema version per cluster: every node agrees, as the driver's schema agreement check expects. */
export function schemaVersion(clusterKey: string): string {
  const hex = createHash("sha256").update(`schema:${clusterKey}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
