// How the emulated nodes' system tables are written down: as Cassandra's own sources write them (each table the
// column list and PRIMARY KEY of a "CREATE TABLE %s (…)", each keyspace the options its parse() sets), and what
// that parses to (parseTable.ts): columns in Cassandra's order with kind, position, the type text
// system_schema.columns holds and the wire type of their cells, and the options system_schema.tables holds.
import type { CqlType } from "../protocol/cqlTypes.js";

/** A table's options, keyed and valued as in its system_schema.tables row. */
export interface TableParams {
  additional_write_policy: string;
  bloom_filter_fp_chance: number;
  caching: Readonly<Record<string, string>>;
  cdc: boolean;
  comment: string;
  compaction: Readonly<Record<string, string>>;
  compression: Readonly<Record<string, string>>;
  crc_check_chance: number;
  dclocal_read_repair_chance: number;
  default_time_to_live: number;
  extensions: Readonly<Record<string, Buffer>>;
  flags: readonly string[];
  gc_grace_seconds: number;
  max_index_interval: number;
  memtable_flush_period_in_ms: number;
  min_index_interval: number;
  read_repair: string;
  read_repair_chance: number;
  speculative_retry: string;
}

export interface TableDefinition {
  name: string;
  comment: string;
  /** The body of the source's CREATE TABLE: "col type, …, PRIMARY KEY ((partition, key), clustering, …)". */
  cql: string;
  params?: Partial<TableParams>;
  /** Columns the source records as dropped (recordDeprecatedSystemColumn): name → type. */
  dropped?: Readonly<Record<string, string>>;
}

export interface KeyspaceDefinition {
  name: string;
  replication: Readonly<Record<string, string>>;
  /** What the keyspace's parse() sets on each of its tables (gc_grace_seconds, memtable_flush_period_in_ms). */
  params: Partial<TableParams>;
  tables: readonly TableDefinition[];
  /** A virtual keyspace: its tables answer SELECTs, but system_schema and DESCRIBE do not list it. */
  virtual?: true;
}

export type ColumnKind = "partition_key" | "clustering" | "regular";

export interface SchemaColumn {
  name: string;
  /** CQL type text as system_schema.columns stores it: `text` for varchar, `frozen<…>` kept. */
  type: string;
  wire: CqlType;
  kind: ColumnKind;
  /** Index within the partition key or the clustering columns; -1 for regular columns. */
  position: number;
}

export interface SchemaTable {
  keyspace: string;
  name: string;
  /** TableId.forSystemTable: the name-based (version 3) UUID of the keyspace name followed by the table name. */
  id: string;
  /** Partition key, clustering columns, then the others by name: the order of `SELECT *` and DESCRIBE. */
  columns: readonly SchemaColumn[];
  params: TableParams;
  dropped: ReadonlyArray<{ name: string; type: string }>;
}

export const SIZE_TIERED = "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy";
export const LEVELED = "org.apache.cassandra.db.compaction.LeveledCompactionStrategy";
/** CompactionParams.create adds the thresholds every compaction map shows. */
export const compaction = (klass: string, options: Record<string, string> = {}): Record<string, string> =>
  ({ class: klass, max_threshold: "32", min_threshold: "4", ...options });

/** Cassandra 4.0 TableParams.Builder defaults; CreateTableStatement marks every CQL table compound. */
export const DEFAULT_PARAMS: Omit<TableParams, "bloom_filter_fp_chance"> = {
  additional_write_policy: "99p", caching: { keys: "ALL", rows_per_partition: "NONE" }, cdc: false, comment: "",
  compaction: compaction(SIZE_TIERED), compression: { chunk_length_in_kb: "16", class: "org.apache.cassandra.io.compress.LZ4Compressor" },
  crc_check_chance: 1, dclocal_read_repair_chance: 0, default_time_to_live: 0, extensions: {}, flags: ["compound"],
  gc_grace_seconds: 864000, max_index_interval: 2048, memtable_flush_period_in_ms: 0, min_index_interval: 128,
  read_repair: "BLOCKING", read_repair_chance: 0, speculative_retry: "99p",
};
