// `system_schema` of a Cassandra 4.0 node as src/java/org/apache/cassandra/schema/SchemaKeyspace.java defines it on
// the cassandra-4.0 line (read in a 4.0-era copy, commit 4bd06e58 of a contributor's fork: the read_repair_chance
// columns kept "for drivers' sake", no 4.1 `memtable` column): parse() sets gc_grace_seconds 7 days and a one-hour
// memtable flush. Also `system_virtual_schema` (db/virtual/VirtualSchemaKeyspace.java), whose tables drivers read;
// the emulator describes no virtual keyspace in it, so it is marked virtual and left out of system_schema.
import type { KeyspaceDefinition } from "./tableDefinition.js";

const LOCAL_STRATEGY = { class: "org.apache.cassandra.locator.LocalStrategy" };
const TABLE_OPTIONS = "bloom_filter_fp_chance double, caching frozen<map<text, text>>, comment text, " +
  "compaction frozen<map<text, text>>, compression frozen<map<text, text>>, crc_check_chance double, " +
  "dclocal_read_repair_chance double, default_time_to_live int, extensions frozen<map<text, blob>>";
const MORE_TABLE_OPTIONS = "max_index_interval int, memtable_flush_period_in_ms int, min_index_interval int, " +
  "read_repair_chance double, speculative_retry text, additional_write_policy text, cdc boolean, read_repair text";
const COLUMN_DEFINITION = "keyspace_name text, table_name text, column_name text, clustering_order text, column_name_bytes blob, " +
  "kind text, position int, type text, PRIMARY KEY ((keyspace_name), table_name, column_name)";

export const SCHEMA_KEYSPACE: KeyspaceDefinition = {
  name: "system_schema",
  replication: LOCAL_STRATEGY,
  params: { gc_grace_seconds: 7 * 24 * 3600, memtable_flush_period_in_ms: 3_600_000 },
  tables: [
    { name: "keyspaces", comment: "keyspace definitions",
      cql: "keyspace_name text, durable_writes boolean, replication frozen<map<text, text>>, PRIMARY KEY ((keyspace_name))" },
    { name: "tables", comment: "table definitions",
      cql: `keyspace_name text, table_name text, ${TABLE_OPTIONS}, flags frozen<set<text>>, gc_grace_seconds int, id uuid, ` +
        `${MORE_TABLE_OPTIONS}, PRIMARY KEY ((keyspace_name), table_name)` },
    { name: "columns", comment: "column definitions", cql: COLUMN_DEFINITION },
    { name: "dropped_columns", comment: "dropped column registry",
      cql: "keyspace_name text, table_name text, column_name text, dropped_time timestamp, kind text, type text, " +
        "PRIMARY KEY ((keyspace_name), table_name, column_name)" },
    { name: "triggers", comment: "trigger definitions",
      cql: "keyspace_name text, table_name text, trigger_name text, options frozen<map<text, text>>, " +
        "PRIMARY KEY ((keyspace_name), table_name, trigger_name)" },
    { name: "views", comment: "view definitions",
      cql: `keyspace_name text, view_name text, base_table_id uuid, base_table_name text, where_clause text, ${TABLE_OPTIONS}, ` +
        `gc_grace_seconds int, id uuid, include_all_columns boolean, ${MORE_TABLE_OPTIONS}, PRIMARY KEY ((keyspace_name), view_name)` },
    { name: "types", comment: "user defined type definitions",
      cql: "keyspace_name text, type_name text, field_names frozen<list<text>>, field_types frozen<list<text>>, " +
        "PRIMARY KEY ((keyspace_name), type_name)" },
    { name: "functions", comment: "user defined function definitions",
      cql: "keyspace_name text, function_name text, argument_types frozen<list<text>>, argument_names frozen<list<text>>, " +
        "body text, language text, return_type text, called_on_null_input boolean, " +
        "PRIMARY KEY ((keyspace_name), function_name, argument_types)" },
    { name: "aggregates", comment: "user defined aggregate definitions",
      cql: "keyspace_name text, aggregate_name text, argument_types frozen<list<text>>, final_func text, initcond text, " +
        "return_type text, state_func text, state_type text, PRIMARY KEY ((keyspace_name), aggregate_name, argument_types)" },
    { name: "indexes", comment: "secondary index definitions",
      cql: "keyspace_name text, table_name text, index_name text, kind text, options frozen<map<text, text>>, " +
        "PRIMARY KEY ((keyspace_name), table_name, index_name)" },
  ],
};

export const VIRTUAL_SCHEMA_KEYSPACE: KeyspaceDefinition = {
  name: "system_virtual_schema",
  replication: LOCAL_STRATEGY,
  params: {},
  virtual: true,
  tables: [
    { name: "keyspaces", comment: "virtual keyspace definitions", cql: "keyspace_name text, PRIMARY KEY (keyspace_name)" },
    { name: "tables", comment: "virtual table definitions",
      cql: "keyspace_name text, table_name text, comment text, PRIMARY KEY ((keyspace_name), table_name)" },
    { name: "columns", comment: "virtual column definitions", cql: COLUMN_DEFINITION },
  ],
};
