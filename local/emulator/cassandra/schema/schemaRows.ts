// The rows of system_schema.keyspaces, .tables, .columns and .dropped_columns, rendered from the definitions the
// way SchemaKeyspace.makeCreateKeyspaceMutation writes them; the other system_schema tables stay empty, as on a
// node whose system keyspaces have no types, functions, aggregates, views, indexes or triggers.
import { byName, DESCRIBED_KEYSPACES } from "./systemSchema.js";

type Row = Record<string, unknown>;

/** ColumnMetadata.ClusteringOrder, lower-cased as SchemaKeyspace stores it. */
const clusteringOrder = (kind: string) => (kind === "clustering" ? "asc" : "none");
/** recordDeprecatedSystemColumn drops at Long.MAX_VALUE microseconds; dropped_time holds it in milliseconds. */
const DEPRECATED_DROP_MILLIS = 9_223_372_036_854_775n;

const tables = () => DESCRIBED_KEYSPACES.flatMap((keyspace) => keyspace.tables);

export const SCHEMA_ROWS: Readonly<Record<string, () => Row[]>> = {
  keyspaces: () => DESCRIBED_KEYSPACES.map((keyspace) => ({
    keyspace_name: keyspace.name, durable_writes: keyspace.durableWrites, replication: keyspace.replication,
  })),
  tables: () => tables().map((table) => ({ keyspace_name: table.keyspace, table_name: table.name, id: table.id, ...table.params })),
  columns: () => tables().flatMap((table) => [...table.columns].sort(byName).map((column) => ({
    keyspace_name: table.keyspace, table_name: table.name, column_name: column.name, clustering_order: clusteringOrder(column.kind),
    column_name_bytes: Buffer.from(column.name, "utf8"), kind: column.kind, position: column.position, type: column.type,
  }))),
  dropped_columns: () => tables().flatMap((table) => table.dropped.map((column) => ({
    keyspace_name: table.keyspace, table_name: table.name, column_name: column.name, dropped_time: DEPRECATED_DROP_MILLIS,
    kind: "regular", type: column.type,
  }))),
};
