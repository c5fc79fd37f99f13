// Server-side DESCRIBE as cqlsh 4.x sends it: listings and create statements of the system keyspaces in
// DescribeStatement's columns and order, and its error messages for what is not there.
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../../local/emulator/cassandra/protocol/messages.js";
import { routeQuery, type QueryOutcome } from "../../../../local/emulator/cassandra/queryRouter.js";
import type { NodeView } from "../../../../local/emulator/cassandra/systemTables.js";

const self = { clusterKey: "/c", clusterId: "/c", clusterName: "cass", dataCenter: "dc1", index: 0, address: "127.0.0.2",
  hostId: "00000000-0000-4000-8000-000000000000", hostname: "dc1000000.managedcassandra.cosmos.azure.com" };
const view: NodeView = { self, nativePort: 9042, startedAt: 0, clusterName: "cass", peers: [] };

function rowsOf(outcome: QueryOutcome) {
  if (outcome.kind !== "rows") throw new Error(`expected rows, got ${JSON.stringify(outcome)}`);
  expect(`${outcome.table.keyspace}.${outcome.table.table}`).toBe("system.describe");
  return { columns: outcome.table.columns.map((c) => c.name), rows: outcome.rows as string[][] };
}
const run = (statement: string, keyspace?: string) => rowsOf(routeQuery(statement, view, keyspace));
const errorOf = (statement: string, keyspace?: string) => routeQuery(statement, view, keyspace);

describe("DESCRIBE", () => {
  it("lists the keyspaces by name, and the tables of the current keyspace or of all", () => {
    const keyspaces = run("DESCRIBE KEYSPACES;");
    expect(keyspaces.columns).toEqual(["keyspace_name", "type", "name"]);
    expect(keyspaces.rows.map((r) => r[2])).toEqual(["system", "system_auth", "system_distributed", "system_schema", "system_traces"]);
    expect(run("desc tables", "system_traces").rows).toEqual([["system_traces", "table", "events"], ["system_traces", "table", "sessions"]]);
    const all = run("DESCRIBE TABLES").rows;
    expect(all).toHaveLength(40);
    expect(all[0]).toEqual(["system", "table", '"IndexInfo"']);
    expect(run("DESCRIBE TYPES").rows).toEqual([]);
  });

  it("writes a table's create statement with its key, clustering order and options", () => {
    const { columns, rows } = run('DESCRIBE TABLE system."IndexInfo"');
    expect(columns).toEqual(["keyspace_name", "type", "name", "create_statement"]);
    expect(rows[0]?.[3]).toBe([
      'CREATE TABLE system."IndexInfo" (', "    table_name text,", "    index_name text,", "    value blob,",
      "    PRIMARY KEY (table_name, index_name)", ") WITH CLUSTERING ORDER BY (index_name ASC)",
      "    AND additional_write_policy = '99p'", "    AND bloom_filter_fp_chance = 0.01",
      "    AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}", "    AND cdc = false", "    AND comment = 'built column indexes'",
      "    AND compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4'}",
      "    AND compression = {'chunk_length_in_kb': '16', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}",
      "    AND crc_check_chance = 1.0", "    AND default_time_to_live = 0", "    AND extensions = {}", "    AND gc_grace_seconds = 0",
      "    AND max_index_interval = 2048", "    AND memtable_flush_period_in_ms = 3600000", "    AND min_index_interval = 128",
      "    AND read_repair = 'BLOCKING'", "    AND speculative_retry = '99p';"].join("\n"));
    const local = run("DESC local WITH INTERNALS", "system").rows[0]?.[3] ?? "";
    expect(local).toMatch(/^CREATE TABLE system\.local \(\n {4}key text PRIMARY KEY,\n {4}bootstrapped text,\n/);
    expect(local).toMatch(/\n {4}truncated_at map<uuid, blob>\n\) WITH ID = 7ad54392-bcdd-35a6-8417-4e047860b377\n {4}AND additional/);
    const repairs = run("DESCRIBE TABLE system_distributed.repair_history").rows[0]?.[3] ?? "";
    expect(repairs).toMatch(/status text,\n {4}participants set<inet>,\n {4}participants_v2 set<text>,\n {4}PRIMARY KEY \(\(keyspace_name, columnfamily_name\), id\)/);
  });

  it("describes a keyspace then its tables, and only the keyspace when asked", () => {
    const traces = run("DESCRIBE KEYSPACE system_traces").rows;
    expect(traces.map((r) => [r[1], r[2]])).toEqual([["keyspace", "system_traces"], ["table", "events"], ["table", "sessions"]]);
    expect(traces[0]?.[3]).toBe("CREATE KEYSPACE system_traces WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '2'}" +
      "  AND durable_writes = true;");
    expect(run("DESCRIBE ONLY KEYSPACE", "system").rows.map((r) => r[3])).toEqual([
      "CREATE KEYSPACE system WITH replication = {'class': 'LocalStrategy'}  AND durable_writes = true;"]);
    expect(run("DESCRIBE system_auth").rows).toHaveLength(6);
    expect(run("DESCRIBE SCHEMA").rows).toEqual([]);
    expect(run("DESCRIBE FULL SCHEMA").rows).toHaveLength(45);
  });

  it("answers DESCRIBE CLUSTER with the cluster, partitioner and snitch", () => {
    expect(run("DESCRIBE CLUSTER")).toEqual({ columns: ["cluster", "partitioner", "snitch"],
      rows: [["cass", "Murmur3Partitioner", "DynamicEndpointSnitch"]] });
  });

  it("answers what is not there with Cassandra's InvalidRequest messages", () => {
    const invalid = (message: string) => ({ kind: "error", code: ErrorCode.invalid, message });
    expect(errorOf("DESCRIBE KEYSPACE app")).toEqual(invalid("'app' not found in keyspaces"));
    expect(errorOf("DESCRIBE KEYSPACE")).toEqual(invalid("No keyspace specified and no current keyspace"));
    expect(errorOf("DESCRIBE TABLE system.nope")).toEqual(invalid("Table 'nope' not found in keyspace 'system'"));
    expect(errorOf("DESCRIBE TABLES", "app")).toEqual(invalid("'app' not found in keyspaces"));
    expect(errorOf("DESCRIBE TYPE system.address")).toEqual(invalid("User defined type 'address' not found in 'system'"));
    expect(errorOf("DESCRIBE nope", "system")).toEqual(invalid("'nope' not found in keyspace 'system'"));
    expect(errorOf("DESCRIBE 1x")).toMatchObject({ kind: "error", code: ErrorCode.syntax });
  });
});
