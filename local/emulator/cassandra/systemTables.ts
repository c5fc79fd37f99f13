// The system tables an emulated Cassandra 4.0 node serves, with the columns Cassandra 4.0 gives them
// (SystemKeyspace, SchemaKeyspace, VirtualSchemaKeyspace). Only system.local and the peers tables have rows:
// a managed cluster without user keyspaces, whose schema tables the drivers read as empty.
import { nodeTokens, NODE_RACK, schemaVersion, type EmulatedNodeSpec } from "./nodeModel.js";
import { cql, type CqlType } from "./protocol/cqlTypes.js";
import type { TableSpec } from "./protocol/results.js";

export const RELEASE_VERSION = "4.0.11";
export const CQL_VERSION = "3.4.5";
const PARTITIONER = "org.apache.cassandra.dht.Murmur3Partitioner";
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

const { text, uuid, inet, int, boolean, double, blob, timestamp } = cql;
const textList = cql.list(text);
const textMap = cql.map(text, text);

function table(keyspace: string, name: string, columns: Record<string, CqlType>, rows: (view: NodeView) => Row[] = () => []): SystemTable {
  return { spec: { keyspace, table: name, columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })) }, rows };
}

const peerCommon = (peer: EmulatedNodeSpec): Row => ({
  peer: peer.address, data_center: peer.dataCenter, host_id: peer.hostId, rack: NODE_RACK, release_version: RELEASE_VERSION,
  schema_version: schemaVersion(peer.clusterKey), tokens: nodeTokens(peer.hostId), preferred_ip: null,
});

const SYSTEM_TABLES: SystemTable[] = [
  table("system", "local", {
    key: text, bootstrapped: text, broadcast_address: inet, broadcast_port: int, cluster_name: text, cql_version: text,
    data_center: text, gossip_generation: int, host_id: uuid, listen_address: inet, listen_port: int,
    native_protocol_version: text, partitioner: text, rack: text, release_version: text, rpc_address: inet, rpc_port: int,
    schema_version: uuid, tokens: cql.set(text), truncated_at: cql.map(uuid, blob),
  }, (view) => [{
    key: "local", bootstrapped: "COMPLETED", broadcast_address: view.self.address, broadcast_port: STORAGE_PORT,
    cluster_name: view.clusterName, cql_version: CQL_VERSION, data_center: view.self.dataCenter,
    gossip_generation: Math.floor(view.startedAt / 1000), host_id: view.self.hostId, listen_address: view.self.address,
    listen_port: STORAGE_PORT, native_protocol_version: "4", partitioner: PARTITIONER, rack: NODE_RACK,
    release_version: RELEASE_VERSION, rpc_address: view.self.address, rpc_port: view.nativePort,
    schema_version: schemaVersion(view.self.clusterKey), tokens: nodeTokens(view.self.hostId), truncated_at: null,
  }]),
  table("system", "peers", {
    peer: inet, data_center: text, host_id: uuid, preferred_ip: inet, rack: text, release_version: text, rpc_address: inet,
    schema_version: uuid, tokens: cql.set(text),
  }, (view) => view.peers.map((peer) => ({ ...peerCommon(peer), rpc_address: peer.address }))),
  // Cassandra 4.0 has peers_v2; drivers that read it (python, java 4) connect to native_address:native_port.
  table("system", "peers_v2", {
    peer: inet, peer_port: int, data_center: text, host_id: uuid, native_address: inet, native_port: int, preferred_ip: inet,
    preferred_port: int, rack: text, release_version: text, schema_version: uuid, tokens: cql.set(text),
  }, (view) => view.peers.map((peer) => ({ ...peerCommon(peer), peer_port: STORAGE_PORT, native_address: peer.address,
    native_port: view.nativePort, preferred_port: null }))),
  table("system_schema", "keyspaces", { keyspace_name: text, durable_writes: boolean, replication: textMap }),
  table("system_schema", "tables", {
    keyspace_name: text, table_name: text, additional_write_policy: text, bloom_filter_fp_chance: double, caching: textMap,
    cdc: boolean, comment: text, compaction: textMap, compression: textMap, crc_check_chance: double, default_time_to_live: int,
    extensions: cql.map(text, blob), flags: cql.set(text), gc_grace_seconds: int, id: uuid, max_index_interval: int,
    memtable_flush_period_in_ms: int, min_index_interval: int, read_repair: text, speculative_retry: text,
  }),
  table("system_schema", "columns", {
    keyspace_name: text, table_name: text, column_name: text, clustering_order: text, column_name_bytes: blob, kind: text,
    position: int, type: text,
  }),
  table("system_schema", "types", { keyspace_name: text, type_name: text, field_names: textList, field_types: textList }),
  table("system_schema", "functions", {
    keyspace_name: text, function_name: text, argument_types: textList, argument_names: textList, body: text,
    called_on_null_input: boolean, language: text, return_type: text,
  }),
  table("system_schema", "aggregates", {
    keyspace_name: text, aggregate_name: text, argument_types: textList, final_func: text, initcond: text, return_type: text,
    state_func: text, state_type: text,
  }),
  table("system_schema", "views", {
    keyspace_name: text, view_name: text, base_table_id: uuid, base_table_name: text, id: uuid, include_all_columns: boolean,
    where_clause: text,
  }),
  table("system_schema", "indexes", { keyspace_name: text, table_name: text, index_name: text, kind: text, options: textMap }),
  table("system_schema", "triggers", { keyspace_name: text, table_name: text, trigger_name: text, options: textMap }),
  table("system_schema", "dropped_columns", {
    keyspace_name: text, table_name: text, column_name: text, dropped_time: timestamp, kind: text, type: text,
  }),
  table("system_virtual_schema", "keyspaces", { keyspace_name: text }),
  table("system_virtual_schema", "tables", { keyspace_name: text, table_name: text, comment: text }),
  table("system_virtual_schema", "columns", {
    keyspace_name: text, table_name: text, column_name: text, clustering_order: text, column_name_bytes: blob, kind: text,
    position: int, type: text,
  }),
];

const BY_NAME = new Map(SYSTEM_TABLES.map((t) => [`${t.spec.keyspace}.${t.spec.table}`, t]));

/** Keyspaces every Cassandra 4.0 node has; `USE` accepts them, a table not listed above is "unconfigured". */
export const SYSTEM_KEYSPACES = ["system", "system_auth", "system_distributed", "system_schema", "system_traces",
  "system_views", "system_virtual_schema"];

export const findSystemTable = (keyspace: string, name: string): SystemTable | undefined => BY_NAME.get(`${keyspace}.${name}`);
