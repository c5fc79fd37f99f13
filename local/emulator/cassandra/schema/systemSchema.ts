// The schema every emulated node describes: the system keyspaces of a Cassandra 4.0 node without user keyspaces
// (a new managed cluster), parsed once from the definitions, plus system_virtual_schema's own tables.
import { AUTH_KEYSPACE, DISTRIBUTED_KEYSPACE, TRACE_KEYSPACE } from "./replicatedKeyspaces.js";
import { SCHEMA_KEYSPACE, VIRTUAL_SCHEMA_KEYSPACE } from "./schemaKeyspace.js";
import { SYSTEM_KEYSPACE } from "./systemKeyspace.js";
import { parseTable } from "./parseTable.js";
import type { KeyspaceDefinition, SchemaTable } from "./tableDefinition.js";

export interface SchemaKeyspace {
  name: string;
  replication: Readonly<Record<string, string>>;
  durableWrites: boolean;
  virtual: boolean;
  /** By name, as system_schema's clustering (and DESCRIBE) order them. */
  tables: readonly SchemaTable[];
}

/** By name as Cassandra compares names: UTF-8 bytes, the same as UTF-16 units for these ASCII names. */
export const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const parse = (definition: KeyspaceDefinition): SchemaKeyspace => ({
  name: definition.name,
  replication: definition.replication,
  durableWrites: true,
  virtual: definition.virtual === true,
  tables: definition.tables.map((table) => parseTable(definition, table)).sort(byName),
});

/**
 * Keyspaces in the order a node returns system_schema partitions: the Murmur3 token order of their names
 * (system_auth, system_schema, system_distributed, system, system_traces), which the unit test recomputes.
 */
export const KEYSPACES: readonly SchemaKeyspace[] =
  [AUTH_KEYSPACE, SCHEMA_KEYSPACE, DISTRIBUTED_KEYSPACE, SYSTEM_KEYSPACE, TRACE_KEYSPACE, VIRTUAL_SCHEMA_KEYSPACE].map(parse);

/** What DESCRIBE and system_schema list: every keyspace but the virtual ones. */
export const DESCRIBED_KEYSPACES = KEYSPACES.filter((keyspace) => !keyspace.virtual);

export const findKeyspace = (name: string): SchemaKeyspace | undefined => KEYSPACES.find((keyspace) => keyspace.name === name);

export const findTable = (keyspace: string, name: string): SchemaTable | undefined =>
  findKeyspace(keyspace)?.tables.find((table) => table.name === name);
