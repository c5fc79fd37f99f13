// The `system` keyspace of a Cassandra 4.0 node, table by table as apache/cassandra (cassandra-4.0 line)
// src/java/org/apache/cassandra/db/SystemKeyspace.java defines it (read at commit 001611c0: no 4.1 tables such as
// top_partitions or paxos_repair_history). parse() there sets gc_grace_seconds 0 and a one-hour memtable flush on
// every table; KeyspaceParams.local() is LocalStrategy.
import { compaction, LEVELED, SIZE_TIERED, type KeyspaceDefinition } from "./tableDefinition.js";

export const SYSTEM_KEYSPACE: KeyspaceDefinition = {
  name: "system",
  replication: { class: "org.apache.cassandra.locator.LocalStrategy" },
  params: { gc_grace_seconds: 0, memtable_flush_period_in_ms: 3_600_000 },
  tables: [
    { name: "IndexInfo", comment: "built column indexes",
      cql: "table_name text, index_name text, value blob, PRIMARY KEY ((table_name), index_name)" },
    { name: "batches", comment: "batches awaiting replay", cql: "id timeuuid, mutations list<blob>, version int, PRIMARY KEY ((id))",
      params: { compaction: compaction(SIZE_TIERED, { min_threshold: "2" }) } },
    { name: "paxos", comment: "in-progress paxos proposals",
      cql: "row_key blob, cf_id UUID, in_progress_ballot timeuuid, most_recent_commit blob, most_recent_commit_at timeuuid, " +
        "most_recent_commit_version int, proposal blob, proposal_ballot timeuuid, proposal_version int, PRIMARY KEY ((row_key), cf_id)",
      params: { compaction: compaction(LEVELED) } },
    { name: "local", comment: "information about the local node",
      cql: "key text, bootstrapped text, broadcast_address inet, broadcast_port int, cluster_name text, cql_version text, " +
        "data_center text, gossip_generation int, host_id uuid, listen_address inet, listen_port int, native_protocol_version text, " +
        "partitioner text, rack text, release_version text, rpc_address inet, rpc_port int, schema_version uuid, " +
        "tokens set<varchar>, truncated_at map<uuid, blob>, PRIMARY KEY ((key))",
      dropped: { thrift_version: "text" } },
    { name: "peers_v2", comment: "information about known peers in the cluster",
      cql: "peer inet, peer_port int, data_center text, host_id uuid, preferred_ip inet, preferred_port int, rack text, " +
        "release_version text, native_address inet, native_port int, schema_version uuid, tokens set<varchar>, " +
        "PRIMARY KEY ((peer), peer_port)" },
    { name: "peers", comment: "information about known peers in the cluster",
      cql: "peer inet, data_center text, host_id uuid, preferred_ip inet, rack text, release_version text, rpc_address inet, " +
        "schema_version uuid, tokens set<varchar>, PRIMARY KEY ((peer))" },
    { name: "peer_events_v2", comment: "events related to peers",
      cql: "peer inet, peer_port int, hints_dropped map<uuid, int>, PRIMARY KEY ((peer), peer_port)" },
    { name: "peer_events", comment: "events related to peers", cql: "peer inet, hints_dropped map<uuid, int>, PRIMARY KEY ((peer))" },
    { name: "compaction_history", comment: "week-long compaction history",
      cql: "id uuid, bytes_in bigint, bytes_out bigint, columnfamily_name text, compacted_at timestamp, keyspace_name text, " +
        "rows_merged map<int, bigint>, PRIMARY KEY ((id))",
      params: { default_time_to_live: 7 * 24 * 3600 } },
    { name: "sstable_activity", comment: "historic sstable read rates",
      cql: "keyspace_name text, columnfamily_name text, generation int, rate_120m double, rate_15m double, " +
        "PRIMARY KEY ((keyspace_name, columnfamily_name, generation))" },
    { name: "size_estimates", comment: "per-table primary range size estimates, table is deprecated in favor of table_estimates",
      cql: "keyspace_name text, table_name text, range_start text, range_end text, mean_partition_size bigint, " +
        "partitions_count bigint, PRIMARY KEY ((keyspace_name), table_name, range_start, range_end)" },
    { name: "table_estimates", comment: "per-table range size estimates",
      cql: "keyspace_name text, table_name text, range_type text, range_start text, range_end text, mean_partition_size bigint, " +
        "partitions_count bigint, PRIMARY KEY ((keyspace_name), table_name, range_type, range_start, range_end)" },
    { name: "available_ranges_v2", comment: "available keyspace/ranges during bootstrap/replace that are ready to be served",
      cql: "keyspace_name text, full_ranges set<blob>, transient_ranges set<blob>, PRIMARY KEY ((keyspace_name))" },
    { name: "available_ranges", comment: "available keyspace/ranges during bootstrap/replace that are ready to be served",
      cql: "keyspace_name text, ranges set<blob>, PRIMARY KEY ((keyspace_name))" },
    { name: "transferred_ranges_v2", comment: "record of transferred ranges for streaming operation",
      cql: "operation text, peer inet, peer_port int, keyspace_name text, ranges set<blob>, " +
        "PRIMARY KEY ((operation, keyspace_name), peer, peer_port)" },
    { name: "transferred_ranges", comment: "record of transferred ranges for streaming operation",
      cql: "operation text, peer inet, keyspace_name text, ranges set<blob>, PRIMARY KEY ((operation, keyspace_name), peer)" },
    { name: "view_builds_in_progress", comment: "views builds current progress",
      cql: "keyspace_name text, view_name text, start_token varchar, end_token varchar, last_token varchar, keys_built bigint, " +
        "PRIMARY KEY ((keyspace_name), view_name, start_token, end_token)" },
    { name: "built_views", comment: "built views",
      cql: "keyspace_name text, view_name text, status_replicated boolean, PRIMARY KEY ((keyspace_name), view_name)" },
    { name: "prepared_statements", comment: "prepared statements",
      cql: "prepared_id blob, logged_keyspace text, query_string text, PRIMARY KEY ((prepared_id))" },
    { name: "repairs", comment: "repairs",
      cql: "parent_id timeuuid, started_at timestamp, last_update timestamp, repaired_at timestamp, state int, coordinator inet, " +
        "coordinator_port int, participants set<inet>, participants_wp set<text>, ranges set<blob>, cfids set<uuid>, " +
        "PRIMARY KEY (parent_id)" },
  ],
};
