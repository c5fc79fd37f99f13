// The described schema against what a Cassandra 4.0 node has: its five system keyspaces with their tables, in the
// token order a node returns system_schema partitions in, and system_schema rows for every table and column.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { SCHEMA_ROWS } from "../../../../../local/emulator/cassandra/schema/schemaRows.js";
import { DESCRIBED_KEYSPACES, findTable, KEYSPACES } from "../../../../../local/emulator/cassandra/schema/systemSchema.js";

interface Token { compare(other: Token): number }
const require = createRequire(import.meta.url);
const { Murmur3Tokenizer } = require("cassandra-driver/lib/tokenizer.js") as { Murmur3Tokenizer: new () => { hash(b: Buffer): Token } };
const { Encoder } = require("cassandra-driver") as { Encoder: new (v: number, o: object) => {
  parseTypeName(ks: string, name: string, start: number, length: null, resolver: () => Promise<undefined>): Promise<unknown> } };

const tableNames = (keyspace: string) => DESCRIBED_KEYSPACES.find((k) => k.name === keyspace)?.tables.map((t) => t.name);

describe("the described system keyspaces", () => {
  it("are the five of a 4.0 node with the tables their 4.0 sources define", () => {
    expect(DESCRIBED_KEYSPACES.map((k) => k.name).sort()).toEqual(["system", "system_auth", "system_distributed", "system_schema", "system_traces"]);
    expect(tableNames("system")).toEqual(["IndexInfo", "available_ranges", "available_ranges_v2", "batches", "built_views",
      "compaction_history", "local", "paxos", "peer_events", "peer_events_v2", "peers", "peers_v2", "prepared_statements", "repairs",
      "size_estimates", "sstable_activity", "table_estimates", "transferred_ranges", "transferred_ranges_v2", "view_builds_in_progress"]);
    expect(tableNames("system_schema")).toEqual(["aggregates", "columns", "dropped_columns", "functions", "indexes", "keyspaces",
      "tables", "triggers", "types", "views"]);
    expect(tableNames("system_auth")).toEqual(["network_permissions", "resource_role_permissons_index", "role_members",
      "role_permissions", "roles"]);
    expect(tableNames("system_distributed")).toEqual(["parent_repair_history", "repair_history", "view_build_status"]);
    expect(tableNames("system_traces")).toEqual(["events", "sessions"]);
    expect(KEYSPACES.filter((k) => k.virtual).map((k) => k.name)).toEqual(["system_virtual_schema"]);
  });

  it("come in the Murmur3 token order of their names, as system_schema's partitions do", () => {
    const tokenizer = new Murmur3Tokenizer();
    const names = DESCRIBED_KEYSPACES.map((k) => k.name);
    const byToken = [...names].sort((a, b) => tokenizer.hash(Buffer.from(a)).compare(tokenizer.hash(Buffer.from(b))));
    expect(names).toEqual(byToken);
  });

  it("give system.local the columns of a 4.0 node, partition key first, and a thrift_version dropped column", () => {
    const local = findTable("system", "local");
    expect(local?.columns.map((c) => c.name)).toEqual(["key", "bootstrapped", "broadcast_address", "broadcast_port", "cluster_name",
      "cql_version", "data_center", "gossip_generation", "host_id", "listen_address", "listen_port", "native_protocol_version",
      "partitioner", "rack", "release_version", "rpc_address", "rpc_port", "schema_version", "tokens", "truncated_at"]);
    expect(local?.columns.find((c) => c.name === "tokens")?.type).toBe("set<text>");
    expect(SCHEMA_ROWS.dropped_columns?.()).toEqual([expect.objectContaining({ keyspace_name: "system", table_name: "local",
      column_name: "thrift_version", type: "text", kind: "regular" })]);
  });

  it("write type texts the Node driver's own type parser reads", async () => {
    const encoder = new Encoder(4, {});
    const types = new Set(KEYSPACES.flatMap((k) => k.tables.flatMap((t) => t.columns.map((c) => c.type))));
    for (const type of types) await expect(encoder.parseTypeName("system", type, 0, null, async () => undefined)).resolves.toBeTruthy();
    expect([...types]).toContain("frozen<map<text, text>>");
  });

  it("render one system_schema.tables row per table and one columns row per column, clustered by name", () => {
    const tables = SCHEMA_ROWS.tables?.() ?? [];
    const columns = SCHEMA_ROWS.columns?.() ?? [];
    expect(tables).toHaveLength(40);
    expect(columns).toHaveLength(DESCRIBED_KEYSPACES.flatMap((k) => k.tables.flatMap((t) => t.columns)).length);
    expect(tables.filter((r) => r.keyspace_name === "system").map((r) => r.table_name)).toEqual(tableNames("system"));
    expect(tables.find((r) => r.table_name === "paxos")).toMatchObject({ keyspace_name: "system", bloom_filter_fp_chance: 0.1,
      gc_grace_seconds: 0, memtable_flush_period_in_ms: 3_600_000, comment: "in-progress paxos proposals", flags: ["compound"] });
    const peersV2 = columns.filter((r) => r.table_name === "peers_v2");
    expect(peersV2.map((r) => r.column_name)).toEqual([...peersV2.map((r) => r.column_name as string)].sort());
    expect(peersV2.find((r) => r.column_name === "peer_port")).toMatchObject({ kind: "clustering", position: 0, clustering_order: "asc",
      type: "int", column_name_bytes: Buffer.from("peer_port") });
    expect(SCHEMA_ROWS.keyspaces?.().find((r) => r.keyspace_name === "system_auth")).toEqual({ keyspace_name: "system_auth",
      durable_writes: true, replication: { class: "org.apache.cassandra.locator.SimpleStrategy", replication_factor: "1" } });
  });
});
