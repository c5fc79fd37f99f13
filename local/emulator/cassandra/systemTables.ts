// The system tables an emulated Cassandra 4.0 node serves: every table of its system keyspaces (schema/), with rows
// in system.local, the peers tables and system_schema's keyspaces, tables, columns and dropped_columns; the rest are
// empty, as on a managed cluster without user keyspaces.
import { nodeTokens, NODE_RACK, schemaVersion, type EmulatedNodeSpec } from "./nodeModel.js";
import type { TableSpec } from "./protocol/results.js";
import { SCHEMA_ROWS } from "./schema/schemaRows.js";
import { KEYSPACES } from "./schema/systemSchema.js";

export const RELEASE_VERSION = "4.0.11";
export const CQL_VERSION = "3.4.5";
export const PARTITIONER = "org.apache.cassandra.dht.Murmur3Partitioner";
/** Cassandra's storage port (listen_port/peer_port); the native port is the emulator's cqlPort. */
const STORAGE_PORT = 7000;

/** What the node answering the query knows; read per query so topology changes show at once. */
export interface NodeView {
  self: EmulatedNodeSpec;
  nativePort: number;
  startedAt: number;
  clusterName: string;
  peers: EmulatedNodeSpec[];
}

export type Row = Record<string, unknown>;

export interface SystemTable {
  spec: TableSpec;
  rows(view: NodeView): Row[];
}

const peerCommon = (peer: EmulatedNodeSpec): Row => ({
  peer: peer.address, data_center: peer.dataCenter, host_id: peer.hostId, rack: NODE_RACK, release_version: RELEASE_VERSION,
  schema_version: schemaVersion(peer.clusterKey), tokens: nodeTokens(peer.hostId), preferred_ip: null,
});

const NODE_ROWS: Readonly<Record<string, (view: NodeView) => Row[]>> = {
  "system.local": (view) => [{
    key: "local", bootstrapped: "COMPLETED", broadcast_address: view.self.address, broadcast_port: STORAGE_PORT,
    cluster_name: view.clusterName, cql_version: CQL_VERSION, data_center: view.self.dataCenter,
    gossip_generation: Math.floor(view.startedAt / 1000), host_id: view.self.hostId, listen_address: view.self.address,
    listen_port: STORAGE_PORT, native_protocol_version: "4", partitioner: PARTITIONER, rack: NODE_RACK,
    release_version: RELEASE_VERSION, rpc_address: view.self.address, rpc_port: view.nativePort,
    schema_version: schemaVersion(view.self.clusterKey), tokens: nodeTokens(view.self.hostId), truncated_at: null,
  }],
  "system.peers": (view) => view.peers.map((peer) => ({ ...peerCommon(peer), rpc_address: peer.address })),
  // Drivers that read peers_v2 (python, java 4) connect to native_address:native_port.
  "system.peers_v2": (view) => view.peers.map((peer) => ({ ...peerCommon(peer), peer_port: STORAGE_PORT,
    native_address: peer.address, native_port: view.nativePort, preferred_port: null })),
  ...Object.fromEntries(Object.entries(SCHEMA_ROWS).map(([table, rows]) => [`system_schema.${table}`, rows])),
};

const BY_NAME = new Map(KEYSPACES.flatMap((keyspace) => keyspace.tables).map((table): [string, SystemTable] => {
  const name = `${table.keyspace}.${table.name}`;
  const spec = { keyspace: table.keyspace, table: table.name, columns: table.columns.map((c) => ({ name: c.name, type: c.wire })) };
  return [name, { spec, rows: NODE_ROWS[name] ?? (() => []) }];
}));

/** Keyspaces every Cassandra 4.0 node has; `USE` accepts them, a table not listed above is "unconfigured". */
export const SYSTEM_KEYSPACES = ["system", "system_auth", "system_distributed", "system_schema", "system_traces",
  "system_views", "system_virtual_schema"];

export const findSystemTable = (keyspace: string, name: string): SystemTable | undefined => BY_NAME.get(`${keyspace}.${name}`);
