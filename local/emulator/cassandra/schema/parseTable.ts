// Parses the definitions of tableDefinition.ts: the CQL type texts (normalised as Cassandra's AbstractType
// .asCQL3Type prints them: varchar is text, frozen<…> kept, ", " between arguments), the PRIMARY KEY clause and the
// table id Cassandra derives from the names.
import { createHash } from "node:crypto";
import { cql, type CqlType } from "../protocol/cqlTypes.js";
import { DEFAULT_PARAMS, LEVELED, type ColumnKind, type KeyspaceDefinition, type SchemaColumn, type SchemaTable,
  type TableDefinition } from "./tableDefinition.js";

const SCALARS: Record<string, CqlType> = {
  ascii: cql.ascii, bigint: cql.bigint, blob: cql.blob, boolean: cql.boolean, double: cql.double, inet: cql.inet, int: cql.int,
  text: cql.text, varchar: cql.text, timestamp: cql.timestamp, timeuuid: cql.timeuuid, uuid: cql.uuid,
};

/** Splits at commas outside <…> and (…). */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<" || c === "(") depth++;
    else if (c === ">" || c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return [...parts, text.slice(start).trim()].filter((part) => part !== "");
}

export function parseCqlType(text: string): { type: string; wire: CqlType } {
  const match = /^(\w+)\s*(?:<(.*)>)?$/s.exec(text.trim());
  const name = match?.[1]?.toLowerCase() ?? "";
  const args = match?.[2] === undefined ? [] : splitTopLevel(match[2]).map(parseCqlType);
  const [first, second] = args;
  if (args.length === 0 && SCALARS[name]) return { type: name === "varchar" ? "text" : name, wire: SCALARS[name] };
  const type = `${name}<${args.map((a) => a.type).join(", ")}>`;
  if (name === "frozen" && first && args.length === 1) return { type, wire: first.wire };
  if ((name === "list" || name === "set") && first && args.length === 1) return { type, wire: cql[name](first.wire) };
  if (name === "map" && first && second && args.length === 2) return { type, wire: cql.map(first.wire, second.wire) };
  throw new TypeError(`not a CQL type the emulator knows: ${text}`);
}

/** UUID.nameUUIDFromBytes: MD5, then the version (3) and IETF variant bits. */
export function systemTableId(keyspace: string, table: string): string {
  const bytes = createHash("md5").update(keyspace + table, "utf8").digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x30;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function parseTable(keyspace: KeyspaceDefinition, table: TableDefinition): SchemaTable {
  const parts = splitTopLevel(table.cql);
  const primaryKey = parts.find((part) => /^PRIMARY\s+KEY/i.test(part)) ?? "";
  const declared = new Map(parts.filter((part) => part !== primaryKey).map((part) => {
    const [, name = "", type = ""] = /^(\w+)\s+(.+)$/s.exec(part) ?? [];
    return [name, parseCqlType(type)] as const;
  }));
  const [partitionText = "", ...clustering] = splitTopLevel(/\((.*)\)/s.exec(primaryKey)?.[1] ?? "");
  const partition = partitionText.startsWith("(") ? splitTopLevel(partitionText.slice(1, -1)) : [partitionText];
  const keyed = new Set([...partition, ...clustering]);
  const column = (name: string, kind: ColumnKind, position: number): SchemaColumn => {
    const type = declared.get(name);
    if (!type) throw new TypeError(`${keyspace.name}.${table.name}: key column ${name} is not declared`);
    return { name, ...type, kind, position };
  };
  const params = { ...DEFAULT_PARAMS, ...keyspace.params, ...table.params, comment: table.comment };
  return {
    keyspace: keyspace.name,
    name: table.name,
    id: systemTableId(keyspace.name, table.name),
    columns: [
      ...partition.map((name, i) => column(name, "partition_key", i)),
      ...clustering.map((name, i) => column(name, "clustering", i)),
      ...[...declared.keys()].filter((name) => !keyed.has(name)).sort().map((name) => column(name, "regular", -1)),
    ],
    // The default bloom filter chance is the compaction strategy's: 0.1 for leveled, 0.01 otherwise.
    params: { bloom_filter_fp_chance: params.compaction.class === LEVELED ? 0.1 : 0.01, ...params },
    dropped: Object.entries(table.dropped ?? {}).map(([name, type]) => ({ name, type })),
  };
}
