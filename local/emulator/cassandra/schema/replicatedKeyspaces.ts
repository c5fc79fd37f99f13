// The replicated system keyspaces of a Cassandra 4.0 node, as the cassandra-4.0 line defines them:
// auth/AuthKeyspace.java (generation 1, "in 4.0"), repair/SystemDistributedKeyspace.java (generation 4; it moved to
// schema/ and gained partition_denylist in 4.1) and tracing/TraceKeyspace.java (generation 1577836800000002).
// Replication is each file's KeyspaceParams.simple(...) with the default properties: system_auth RF 1,
// system_distributed RF 3, system_traces max(2, default_keyspace_rf 1).
import type { KeyspaceDefinition } from "./tableDefinition.js";

const simple = (replicationFactor: number) =>
  ({ class: "org.apache.cassandra.locator.SimpleStrategy", replication_factor: String(replicationFactor) });

export const AUTH_KEYSPACE: KeyspaceDefinition = {
  name: "system_auth",
  replication: simple(1),
  params: { gc_grace_seconds: 90 * 24 * 3600 },
  tables: [
    { name: "roles", comment: "role definitions",
      cql: "role text, is_superuser boolean, can_login boolean, salted_hash text, member_of set<text>, PRIMARY KEY(role)" },
    { name: "role_members", comment: "role memberships lookup table", cql: "role text, member text, PRIMARY KEY(role, member)" },
    { name: "role_permissions", comment: "permissions granted to db roles",
      cql: "role text, resource text, permissions set<text>, PRIMARY KEY(role, resource)" },
    { name: "resource_role_permissons_index", comment: "index of db roles with permissions granted on a resource",
      cql: "resource text, role text, PRIMARY KEY(resource, role)" },
    { name: "network_permissions", comment: "user network permissions", cql: "role text, dcs frozen<set<text>>, PRIMARY KEY(role)" },
  ],
};

export const DISTRIBUTED_KEYSPACE: KeyspaceDefinition = {
  name: "system_distributed",
  replication: simple(3),
  params: {},
  tables: [
    { name: "repair_history", comment: "Repair history",
      cql: "keyspace_name text, columnfamily_name text, id timeuuid, parent_id timeuuid, range_begin text, range_end text, " +
        "coordinator inet, coordinator_port int, participants set<inet>, participants_v2 set<text>, exception_message text, " +
        "exception_stacktrace text, status text, started_at timestamp, finished_at timestamp, " +
        "PRIMARY KEY ((keyspace_name, columnfamily_name), id)" },
    { name: "parent_repair_history", comment: "Repair history",
      cql: "parent_id timeuuid, keyspace_name text, columnfamily_names set<text>, started_at timestamp, finished_at timestamp, " +
        "exception_message text, exception_stacktrace text, requested_ranges set<text>, successful_ranges set<text>, " +
        "options map<text, text>, PRIMARY KEY (parent_id)" },
    { name: "view_build_status", comment: "Materialized View build status",
      cql: "keyspace_name text, view_name text, host_id uuid, status text, PRIMARY KEY ((keyspace_name, view_name), host_id)" },
  ],
};

export const TRACE_KEYSPACE: KeyspaceDefinition = {
  name: "system_traces",
  replication: simple(2),
  params: { gc_grace_seconds: 0 },
  tables: [
    { name: "sessions", comment: "tracing sessions",
      cql: "session_id uuid, command text, client inet, coordinator inet, coordinator_port int, duration int, " +
        "parameters map<text, text>, request text, started_at timestamp, PRIMARY KEY ((session_id))" },
    { name: "events", comment: "tracing events",
      cql: "session_id uuid, event_id timeuuid, activity text, source inet, source_port int, source_elapsed int, thread text, " +
        "PRIMARY KEY ((session_id), event_id)" },
  ],
};
