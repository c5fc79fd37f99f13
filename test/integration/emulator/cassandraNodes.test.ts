// Emulated Cassandra nodes through the real cassandra-driver: mutual TLS against the cluster's applied
// clientCertificates (after the simulated rolling restart), node names verified, PasswordAuthenticator with the
// cluster's admin password, CQL v4 system tables. A virtual clock drives the restart, so nothing sleeps.
// cassandraNodeListeners.test.ts has the listeners themselves (ports, addresses, emulator restart).
import { X509Certificate } from "node:crypto";
import tls from "node:tls";
import cassandra from "cassandra-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedNode } from "../../../local/emulator/cassandra/index.js";
import type { Emulator } from "../../../local/emulator/server.js";
import { createRootCa, issueClientCertificate, type PemPair } from "../../../local/emulator/tls/certificates.js";
import { TEST_RESOURCE_GROUP } from "../../support/testIds.js";
import { connectFailures, driverOptionsFor, expectHandshakeRefused, releaseVersion, withClient, type DriverOverrides } from "./cassandraClients.js";
import { armClients, createNetwork, createVpnCluster, provisionDataCenter, startQuietEmulator } from "./support.js";

const CLUSTER = "cass-nodes";
const RESTART_DELAY_MS = 60_000;
const GARBAGE = "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----";

let clock = Date.UTC(2026, 10, 23);
let emulator: Emulator;
let nodes: EmulatedNode[];
let clientCa: PemPair;
let client: PemPair;
let otherCa: PemPair;
let otherClient: PemPair;

const thumbprint = (pem: string) => new X509Certificate(pem).fingerprint.replace(/:/g, "");

beforeAll(async () => {
  emulator = await startQuietEmulator({ cqlPort: 0, restartDelayMs: RESTART_DELAY_MS, now: () => clock, throttle: false });
  [clientCa, otherCa] = await Promise.all([createRootCa("Test client CA"), createRootCa("Foreign CA")]);
  [client, otherClient] = await Promise.all([issueClientCertificate(clientCa, "app-client"), issueClientCertificate(otherCa, "intruder")]);
  await createNetwork(emulator);
  await createVpnCluster(emulator, CLUSTER, GARBAGE);
  await provisionDataCenter(emulator, CLUSTER, { nodeCount: 3 });
  nodes = await emulator.nodes();
});
afterAll(() => emulator.close());

async function setClientCertificates(pems: string[]): Promise<void> {
  await armClients(emulator).cosmos.cassandraClusters.beginUpdateAndWait(TEST_RESOURCE_GROUP, CLUSTER,
    { properties: { clientCertificates: pems.map((pem) => ({ pem })) } }, { updateIntervalInMs: 1 });
}

/** The rolling restart: advance the clock past restartDelayMs, then let the emulator settle. */
async function completeRollingRestart(): Promise<EmulatedNode[]> {
  clock += RESTART_DELAY_MS;
  return emulator.nodes();
}

const driverOptions = (identity: Partial<PemPair>, overrides?: DriverOverrides) => driverOptionsFor({ emulator, nodes }, identity, overrides);

describe("emulated Cassandra nodes", () => {
  it("ignores list entries that are not certificates, so a list of only those refuses everyone", async () => {
    expect(nodes.every((n) => n.trustedThumbprints.length === 0)).toBe(true);
    await expectHandshakeRefused(driverOptions(client));
  });

  it("applies a PATCHed list only after the rolling restart, tolerating foreign entries", async () => {
    await setClientCertificates([GARBAGE, "not a pem at all", clientCa.certPem]);
    const pending = await emulator.nodes();
    expect(pending.every((n) => n.trustedThumbprints.length === 0 && n.trustPendingUntil)).toBe(true);
    await expectHandshakeRefused(driverOptions(client));

    const applied = await completeRollingRestart();
    for (const node of applied) {
      expect(node.trustedThumbprints).toEqual([thumbprint(clientCa.certPem)]);
      expect(node.trustPendingUntil).toBeUndefined();
      expect(node.trustAppliedAt).toBe(new Date(clock).toISOString());
    }
  });

  it("lets the real driver in with a trusted client certificate, verifying node names, and serves system tables", async () => {
    const checked: string[] = [];
    const options = driverOptions(client, { nameOf: (ip) => {
      const name = nodes.find((n) => n.address === ip)?.hostname ?? ip;
      checked.push(name);
      return name;
    } });
    await withClient(options, async (c) => {
      const local = (await c.execute("SELECT * FROM system.local WHERE key='local'")).first();
      expect(local.get("release_version")).toBe("4.0.11");
      expect(local.get("cluster_name")).toBe(CLUSTER);
      expect(local.get("data_center")).toBe("dc1");
      expect(local.get("partitioner")).toBe("org.apache.cassandra.dht.Murmur3Partitioner");
      expect(local.get("rpc_address").toString()).toBe(nodes[0]?.address);
      expect(c.getState().getConnectedHosts().length).toBeGreaterThanOrEqual(1);
      expect(c.hosts.length).toBe(3); // the peers table told the driver about the other two
      const peers = await c.execute("SELECT peer, data_center, host_id FROM system.peers");
      const coordinator = peers.info.queriedHost.split(":")[0];
      expect(peers.rows.map((r) => r.get("peer").toString()).sort())
        .toEqual(nodes.filter((n) => n.address !== coordinator).map((n) => n.address).sort());
      expect((await c.execute("SELECT keyspace_name FROM system_schema.keyspaces")).rows.map((r) => r.get("keyspace_name")))
        .toEqual(["system_auth", "system_schema", "system_distributed", "system", "system_traces"]);
      const prepared = await c.execute("SELECT release_version FROM system.local", [], { prepare: true });
      expect(prepared.first().get("release_version")).toBe("4.0.11");
      await expect(c.execute("SELECT * FROM app.events")).rejects.toMatchObject({ code: 0x2200 });
      await expect(c.execute("INSERT INTO app.events (id) VALUES (1)")).rejects.toMatchObject({ code: 0x2200 });
    });
    expect(checked).toContain("dc1000000.managedcassandra.cosmos.azure.com");
  });

  it("fails hostname verification when the expected name is not the node's", async () => {
    const failures = await connectFailures(driverOptions(client, { nameOf: () => "dc9000000.managedcassandra.cosmos.azure.com" }));
    expect(String(failures[0])).toMatch(/does not match certificate's altnames/);
  });

  it("answers bad credentials with an AuthenticationError", async () => {
    const failures = await connectFailures(driverOptions(client, { password: "wrong" }));
    expect(failures[0]).toBeInstanceOf(cassandra.errors.AuthenticationError);
    expect(String(failures[0])).toMatch(/Provided username cassandra and\/or password are incorrect/);
  });

  it("refuses a client without a certificate, and one whose certificate another CA signed", async () => {
    await expectHandshakeRefused(driverOptions({}));
    await expectHandshakeRefused(driverOptions(otherClient));
  });

  it("keeps the old certificate working after the list is replaced, until the rolling restart drops it", async () => {
    await setClientCertificates([otherCa.certPem]);
    expect(await releaseVersion(driverOptions(client))).toBe("4.0.11");
    await expectHandshakeRefused(driverOptions(otherClient));
    const open = tls.connect({ host: nodes[0]?.address, port: emulator.cqlPort, ca: emulator.nodeCaCertPem, cert: client.certPem,
      key: client.keyPem, checkServerIdentity: () => undefined });
    await new Promise((resolve) => open.once("secureConnect", resolve));
    const dropped = new Promise((resolve) => open.once("close", resolve));

    const applied = await completeRollingRestart();
    await dropped; // the restart ends the connections made under the old trust
    expect(applied[0]?.trustedThumbprints).toEqual([thumbprint(otherCa.certPem)]);
    await expectHandshakeRefused(driverOptions(client));
    expect(await releaseVersion(driverOptions(otherClient))).toBe("4.0.11");
  });
});
