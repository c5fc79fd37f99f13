// What the real Node cassandra-driver learns from an emulated node over mutual TLS, logged in as cassandra: the
// schema metadata of a Cassandra 4.0 node (its five system keyspaces, every table with its columns and keys) and
// SELECT * on system.local with a 4.0 node's columns. The same answers let cqlsh run its first query.
import tls from "node:tls";
import cassandra from "cassandra-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedNode } from "../../../local/emulator/cassandra/index.js";
import type { Emulator } from "../../../local/emulator/server.js";
import { createRootCa, issueClientCertificate } from "../../../local/emulator/tls/certificates.js";
import { createNetwork, createVpnCluster, provisionDataCenter, startQuietEmulator } from "./support.js";

const CLUSTER = "cass-schema";
const SYSTEM_KEYSPACES = ["system", "system_auth", "system_distributed", "system_schema", "system_traces"];
/** system.local in Cassandra 4.0's SystemKeyspace.java, in `SELECT *` order (key, then the rest by name). */
const LOCAL_COLUMNS = ["key", "bootstrapped", "broadcast_address", "broadcast_port", "cluster_name", "cql_version", "data_center",
  "gossip_generation", "host_id", "listen_address", "listen_port", "native_protocol_version", "partitioner", "rack",
  "release_version", "rpc_address", "rpc_port", "schema_version", "tokens", "truncated_at"];

let emulator: Emulator;
let nodes: EmulatedNode[];
let client: cassandra.Client;

beforeAll(async () => {
  emulator = await startQuietEmulator({ cqlPort: 0, restartDelayMs: 0 });
  const clientCa = await createRootCa("Schema test client CA");
  const identity = await issueClientCertificate(clientCa, "app-client");
  await createNetwork(emulator);
  await createVpnCluster(emulator, CLUSTER, clientCa.certPem);
  await provisionDataCenter(emulator, CLUSTER, { nodeCount: 2 });
  nodes = await emulator.nodes();
  const nameOf = (ip: string) => nodes.find((n) => n.address === ip)?.hostname ?? ip;
  client = new cassandra.Client({
    contactPoints: [nodes[0]?.address ?? ""],
    localDataCenter: "dc1",
    protocolOptions: { port: emulator.cqlPort },
    authProvider: new cassandra.auth.PlainTextAuthProvider("cassandra", "s3cret-Passw0rd"),
    sslOptions: { ca: [emulator.nodeCaCertPem], cert: identity.certPem, key: identity.keyPem, rejectUnauthorized: true,
      minVersion: "TLSv1.2", checkServerIdentity: (host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(nameOf(host), cert) },
    socketOptions: { connectTimeout: 5000 },
  });
  await client.connect();
});
afterAll(async () => {
  await client?.shutdown();
  await emulator?.close();
});

describe("the Node driver's schema metadata from an emulated node", () => {
  it("holds the five system keyspaces of a 4.0 node with their replication", () => {
    const keyspaces = client.metadata.keyspaces;
    expect(Object.keys(keyspaces).sort()).toEqual(SYSTEM_KEYSPACES);
    expect(keyspaces.system?.strategy).toBe("org.apache.cassandra.locator.LocalStrategy");
    expect(keyspaces.system_auth).toMatchObject({ strategy: "org.apache.cassandra.locator.SimpleStrategy",
      strategyOptions: { replication_factor: "1" }, durableWrites: true });
  });

  it("loads every table system_schema lists into its keyspace, with columns and keys", async () => {
    for (const keyspace of SYSTEM_KEYSPACES) {
      const listed = (await client.execute(`SELECT table_name FROM system_schema.tables WHERE keyspace_name = '${keyspace}'`)).rows
        .map((row) => row.get("table_name") as string);
      expect(listed.length).toBeGreaterThan(0);
      for (const name of listed) {
        const table = await client.metadata.getTable(keyspace, name);
        expect(table?.columns.length, `${keyspace}.${name}`).toBeGreaterThan(0);
      }
      // The driver caches what getTable loaded on the keyspace object (its typings leave the cache out).
      const loaded = (client.metadata.keyspaces[keyspace] as { tables?: Record<string, unknown> } | undefined)?.tables;
      expect(Object.keys(loaded ?? {}).sort()).toEqual([...listed].sort());
    }
    const local = await client.metadata.getTable("system", "local");
    expect(local?.columns.map((c) => c.name)).toEqual([...LOCAL_COLUMNS].sort()); // system_schema.columns' clustering order
    expect(local?.partitionKeys.map((c) => c.name)).toEqual(["key"]);
    expect(local?.comment).toBe("information about the local node");
    const peersV2 = await client.metadata.getTable("system", "peers_v2");
    expect([peersV2?.partitionKeys.map((c) => c.name), peersV2?.clusteringKeys.map((c) => c.name)]).toEqual([["peer"], ["peer_port"]]);
    const repairs = await client.metadata.getTable("system_distributed", "repair_history");
    expect(repairs?.partitionKeys.map((c) => c.name)).toEqual(["keyspace_name", "columnfamily_name"]);
    const tables = await client.metadata.getTable("system_schema", "tables");
    expect(tables?.columnsByName.caching?.type).toMatchObject({ code: cassandra.types.dataTypes.map, options: { frozen: true } });
    expect(tables?.isCompact).toBe(false);
  });
});

describe("SELECT * FROM system.local", () => {
  it("returns one row with the columns a 4.0 node has", async () => {
    const result = await client.execute("SELECT * FROM system.local");
    expect(result.rows).toHaveLength(1);
    expect(result.columns.map((c) => c.name)).toEqual(LOCAL_COLUMNS);
    expect(result.columns.find((c) => c.name === "tokens")?.type.code).toBe(cassandra.types.dataTypes.set);
    const local = result.first();
    expect([local.get("key"), local.get("release_version"), local.get("cluster_name")]).toEqual(["local", "4.0.11", CLUSTER]);
    const columns = await client.execute("SELECT * FROM system_schema.columns WHERE keyspace_name = 'system' AND table_name = 'local'");
    expect(columns.rows.map((r) => r.get("column_name"))).toEqual([...LOCAL_COLUMNS].sort());
  });
});
