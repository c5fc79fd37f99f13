// The create_statement texts DESCRIBE answers with, laid out as Cassandra 4.0 writes them (KeyspaceMetadata
// .toCqlString, ReplicationParams.appendCqlTo, TableMetadata.appendCqlTo and TableParams.appendCqlTo through a
// CqlBuilder: four-space indents, options in alphabetical order, maps with sorted keys).
import type { SchemaKeyspace } from "./systemSchema.js";
import type { SchemaColumn, SchemaTable, TableParams } from "./tableDefinition.js";

const INDENT = "    ";

/** ColumnIdentifier.maybeQuote: names that are not lower-case identifiers are double-quoted. */
export const quoteIfNeeded = (name: string): string => (/^[a-z][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
const map = (entries: Readonly<Record<string, string>>, quoteValues = true) =>
  `{${Object.keys(entries).sort().map((key) => `${quoted(key)}: ${quoteValues ? quoted(entries[key] ?? "") : entries[key]}`).join(", ")}}`;
/** Java's Double.toString for the values these tables use: 1 → 1.0, 0.01 → 0.01. */
const javaDouble = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

/** Strategies of org.apache.cassandra.locator are named by their simple class name. */
function replication(options: Readonly<Record<string, string>>): string {
  const { class: klass = "", ...rest } = options;
  const name = klass.startsWith("org.apache.cassandra.locator.") ? klass.slice("org.apache.cassandra.locator.".length) : klass;
  return `{'class': ${quoted(name)}${Object.entries(rest).map(([k, v]) => `, ${quoted(k)}: ${quoted(v)}`).join("")}}`;
}

export const keyspaceCql = (keyspace: SchemaKeyspace): string =>
  `CREATE KEYSPACE ${quoteIfNeeded(keyspace.name)} WITH replication = ${replication(keyspace.replication)}  AND durable_writes = ${keyspace.durableWrites};`;

function options(params: TableParams): string[] {
  return [
    `additional_write_policy = ${quoted(params.additional_write_policy)}`,
    `bloom_filter_fp_chance = ${javaDouble(params.bloom_filter_fp_chance)}`,
    `caching = ${map(params.caching)}`,
    `cdc = ${params.cdc}`,
    `comment = ${quoted(params.comment)}`,
    `compaction = ${map(params.compaction)}`,
    `compression = ${map(params.compression)}`,
    `crc_check_chance = ${javaDouble(params.crc_check_chance)}`,
    `default_time_to_live = ${params.default_time_to_live}`,
    `extensions = ${map(Object.fromEntries(Object.entries(params.extensions).map(([k, v]) => [k, `0x${v.toString("hex")}`])), false)}`,
    `gc_grace_seconds = ${params.gc_grace_seconds}`,
    `max_index_interval = ${params.max_index_interval}`,
    `memtable_flush_period_in_ms = ${params.memtable_flush_period_in_ms}`,
    `min_index_interval = ${params.min_index_interval}`,
    `read_repair = ${quoted(params.read_repair)}`,
    `speculative_retry = ${quoted(params.speculative_retry)}`,
  ];
}

/** allColumnsInCreateOrder: key columns, then the others simple before complex (non-frozen collections), by name. */
function createOrder(columns: readonly SchemaColumn[]): SchemaColumn[] {
  const complex = (c: SchemaColumn) => /^(list|set|map)</.test(c.type);
  const others = columns.filter((c) => c.kind === "regular");
  return [...columns.filter((c) => c.kind !== "regular"), ...others.filter((c) => !complex(c)), ...others.filter(complex)];
}

/** `withInternals` (DESCRIBE … WITH INTERNALS) starts the options with the table's id. */
export function tableCql(table: SchemaTable, withInternals = false): string {
  const partition = table.columns.filter((c) => c.kind === "partition_key").map((c) => quoteIfNeeded(c.name));
  const clustering = table.columns.filter((c) => c.kind === "clustering").map((c) => quoteIfNeeded(c.name));
  const singleKey = partition.length === 1 && clustering.length === 0;
  const columns = createOrder(table.columns).map((c) =>
    `${INDENT}${quoteIfNeeded(c.name)} ${c.type}${singleKey && c.kind === "partition_key" ? " PRIMARY KEY" : ""}`);
  const key = partition.length > 1 ? `(${partition.join(", ")})` : partition[0];
  const lines = singleKey ? columns : [...columns.map((line) => `${line},`), `${INDENT}PRIMARY KEY (${[key, ...clustering].join(", ")})`];
  const withs = [...(withInternals ? [`ID = ${table.id}`] : []), ...(clustering.length ? [`CLUSTERING ORDER BY (${clustering.map((c) => `${c} ASC`).join(", ")})`] : []), ...options(table.params)];
  return [
    `CREATE TABLE ${quoteIfNeeded(table.keyspace)}.${quoteIfNeeded(table.name)} (`,
    ...(singleKey ? lines.map((line, i) => (i < lines.length - 1 ? `${line},` : line)) : lines),
    `) WITH ${withs.join(`\n${INDENT}AND `)};`,
  ].join("\n");
}
