// The definitions parse the way Cassandra reads the same CREATE TABLE text: key columns, kinds, positions, type
// texts as system_schema.columns prints them, wire types, options layered default < keyspace < table.
import { describe, expect, it } from "vitest";
import { cql } from "../../../../../local/emulator/cassandra/protocol/cqlTypes.js";
import { parseCqlType, parseTable, systemTableId } from "../../../../../local/emulator/cassandra/schema/parseTable.js";
import { compaction, LEVELED, type KeyspaceDefinition } from "../../../../../local/emulator/cassandra/schema/tableDefinition.js";

const keyspace: KeyspaceDefinition = { name: "ks", replication: {}, params: { gc_grace_seconds: 0 }, tables: [] };

describe("CQL type texts", () => {
  it("normalise as Cassandra prints them and keep frozen only in the text", () => {
    expect(parseCqlType("set<varchar>")).toEqual({ type: "set<text>", wire: cql.set(cql.text) });
    expect(parseCqlType("UUID")).toEqual({ type: "uuid", wire: cql.uuid });
    expect(parseCqlType("frozen<map<text,text>>")).toEqual({ type: "frozen<map<text, text>>", wire: cql.map(cql.text, cql.text) });
    expect(parseCqlType("map<uuid, blob>").wire).toEqual(cql.map(cql.uuid, cql.blob));
    expect(parseCqlType("list<timeuuid>").wire).toEqual(cql.list(cql.timeuuid));
    expect(() => parseCqlType("tuple<int, int>")).toThrow(/not a CQL type/);
    expect(() => parseCqlType("map<text>")).toThrow(/not a CQL type/);
  });
});

describe("table definitions", () => {
  it("order columns partition key, clustering, then the rest by name, with kinds and positions", () => {
    const table = parseTable(keyspace, { name: "t", comment: "c",
      cql: "z text, b int, a set<text>, k2 text, c1 timeuuid, k1 text, c2 int, PRIMARY KEY ((k1, k2), c1, c2)" });
    expect(table.columns.map(({ name, kind, position }) => [name, kind, position])).toEqual([
      ["k1", "partition_key", 0], ["k2", "partition_key", 1], ["c1", "clustering", 0], ["c2", "clustering", 1],
      ["a", "regular", -1], ["b", "regular", -1], ["z", "regular", -1]]);
  });

  it("read single-column keys written with and without the inner parentheses", () => {
    const kinds = (cqlText: string) => parseTable(keyspace, { name: "t", comment: "", cql: cqlText }).columns.map((c) => c.kind);
    expect(kinds("key text, v int, PRIMARY KEY ((key))")).toEqual(["partition_key", "regular"]);
    expect(kinds("role text, member text, PRIMARY KEY(role, member)")).toEqual(["partition_key", "clustering"]);
    expect(() => kinds("v int, PRIMARY KEY (nope)")).toThrow(/key column nope is not declared/);
  });

  it("layer options: 4.0 defaults, then the keyspace's parse(), then the table's own; leveled compaction's bloom filter", () => {
    const plain = parseTable(keyspace, { name: "t", comment: "about t", cql: "k int, PRIMARY KEY (k)" }).params;
    expect(plain).toMatchObject({ comment: "about t", gc_grace_seconds: 0, bloom_filter_fp_chance: 0.01, flags: ["compound"],
      compression: { chunk_length_in_kb: "16", class: "org.apache.cassandra.io.compress.LZ4Compressor" }, read_repair: "BLOCKING" });
    const leveled = parseTable(keyspace, { name: "t", comment: "", cql: "k int, PRIMARY KEY (k)",
      params: { compaction: compaction(LEVELED), gc_grace_seconds: 5 } }).params;
    expect(leveled).toMatchObject({ bloom_filter_fp_chance: 0.1, gc_grace_seconds: 5,
      compaction: { class: LEVELED, max_threshold: "32", min_threshold: "4" } });
  });

  it("derive ids as TableId.forSystemTable does (the ids in a real node's data directory names)", () => {
    expect(systemTableId("system", "local")).toBe("7ad54392-bcdd-35a6-8417-4e047860b377");
    expect(systemTableId("system", "peers_v2")).toBe("c4325fbb-8e5e-3baf-bd07-0f9250ed818e");
    expect(systemTableId("system_schema", "keyspaces")).toBe("abac5682-dea6-31c5-b535-b3d6cffd0fb6");
  });
});
