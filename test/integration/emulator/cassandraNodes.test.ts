// Emulated Cassandra nodes through the real cassandra-driver: mutual TLS against the cluster's applied
// clientCertificates (after the simulated rolling restart), node names verified, PasswordAuthenticator with the
// cluster's admin password, CQL v4 system tables. A virtual clock drives the restart, so nothing sleeps.
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import cassandra from "cassandra-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedNode } from "../../../local/emulator/cassandra/index.js";
import type { Emulator } from "../../../local/emulator/server.js";
import { createRootCa, issueClientCertificate, type PemPair } from "../../../local/emulator/tls/certificates.js";
import { TEST_CLUSTER_ADMIN_PASSWORD, TEST_RESOURCE_GROUP } from "../../support/testIds.js";
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

/** The driver options the connection kit's Node snippet uses, with node names checked through the IP → name map. */
function driverOptions(identity: Partial<PemPair>, overrides: { password?: string; nameOf?: (ip: string) => string } = {}) {
  const nameOf = overrides.nameOf ?? ((ip: string) => nodes.find((n) => n.address === ip)?.hostname ?? ip);
  return {
    contactPoints: [nodes[0]?.address ?? ""],
    localDataCenter: "dc1",
    protocolOptions: { port: emulator.cqlPort },
    authProvider: new cassandra.auth.PlainTextAuthProvider("cassandra", overrides.password ?? TEST_CLUSTER_ADMIN_PASSWORD),
    sslOptions: {
      ca: [emulator.nodeCaCertPem],
      ...(identity.certPem ? { cert: identity.certPem } : {}),
      ...(identity.keyPem ? { key: identity.keyPem } : {}),
      rejectUnauthorized: true,
      minVersion: "TLSv1.2" as const,
      checkServerIdentity: (host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(nameOf(host), cert),
    },
    socketOptions: { connectTimeout: 5000 },
  };
}

async function withClient<T>(options: ReturnType<typeof driverOptions>, use: (c: cassandra.Client) => Promise<T>): Promise<T> {
  const driver = new cassandra.Client(options);
  try {
    await driver.connect();
    return await use(driver);
  } finally {
    await driver.shutdown();
  }
}

const releaseVersion = (options: ReturnType<typeof driverOptions>) =>
  withClient(options, async (c) => (await c.execute("SELECT release_version FROM system.local")).first()?.get("release_version"));

/** What each contact point failed with, once the driver gave up. */
async function connectFailures(options: ReturnType<typeof driverOptions>): Promise<unknown[]> {
  const error = await withClient(options, async () => undefined).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(cassandra.errors.NoHostAvailableError);
  return Object.values((error as cassandra.errors.NoHostAvailableError).innerErrors);
}

/** Refused in the TLS handshake: the node hangs up on an untrusted certificate, or alerts when none was sent. */
async function expectHandshakeRefused(options: ReturnType<typeof driverOptions>): Promise<void> {
  const failures = await connectFailures(options);
  expect(failures).not.toHaveLength(0);
  for (const failure of failures) {
    expect(failure).toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)$/) });
  }
}

describe("emulated Cassandra nodes", () => {
  it("lists one listening node per data center node, on loopback, sharing the reported port, named like Azure's", () => {
    expect(nodes.map((n) => n.hostname)).toEqual([0, 1, 2].map((i) => `dc100000${i}.managedcassandra.cosmos.azure.com`));
    expect(new Set(nodes.map((n) => n.address)).size).toBe(3);
    for (const node of nodes) {
      expect(node).toMatchObject({ cluster: CLUSTER, datacenter: "dc1", port: emulator.cqlPort, listening: true });
      expect(node.address).toMatch(/^127\.0\.0\.(\d+)$/);
    }
    expect(emulator.cqlPort).toBeGreaterThan(0);
  });

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

  it("closes the listeners when the data center is deleted", async () => {
    await armClients(emulator).cosmos.cassandraDataCenters.beginDeleteAndWait(TEST_RESOURCE_GROUP, CLUSTER, "dc1", { updateIntervalInMs: 1 });
    expect(await emulator.nodes()).toEqual([]);
    const refused = await new Promise<string>((resolve) => {
      tls.connect({ host: nodes[0]?.address, port: emulator.cqlPort }).once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? ""));
    });
    expect(refused).toBe("ECONNREFUSED");
  });
});

describe("the native port", () => {
  it("falls back to a free port when the requested one is taken, and tells which", async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    try {
      const fallback = await startQuietEmulator({ cqlPort: taken });
      expect(fallback.cqlPort).not.toBe(taken);
      expect(fallback.cqlPort).toBeGreaterThan(0);
      await fallback.close();
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

describe("a node whose address and port are taken", () => {
  it("is reported as not listening while the emulator and the other nodes carry on", async () => {
    const emulatorWithSquatter = await startQuietEmulator({ cqlPort: 0, restartDelayMs: 0 });
    const squatter = net.createServer();
    try {
      // Node addresses are handed out from 127.0.0.2 up, so the first node of this emulator will want this one.
      await new Promise<void>((resolve) => squatter.listen(emulatorWithSquatter.cqlPort, "127.0.0.2", resolve));
      await createNetwork(emulatorWithSquatter);
      await createVpnCluster(emulatorWithSquatter, "squatted", clientCa.certPem);
      await provisionDataCenter(emulatorWithSquatter, "squatted", { nodeCount: 2 });
      const listed = await emulatorWithSquatter.nodes();
      expect(listed.map(({ address, listening, error }) => ({ address, listening, error }))).toEqual([
        { address: "127.0.0.2", listening: false, error: "EADDRINUSE" }, { address: "127.0.0.3", listening: true, error: undefined }]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
      await emulatorWithSquatter.close();
    }
  });
});

describe("emulated Cassandra nodes across an emulator restart", () => {
  it("listen again from the persisted state, with the same names and the trust in force", async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-nodes-"));
    try {
      const first = await startQuietEmulator({ stateDir, cqlPort: 0, restartDelayMs: 0 });
      await createNetwork(first);
      await createVpnCluster(first, "durable", clientCa.certPem);
      await provisionDataCenter(first, "durable", { nodeCount: 2 });
      const before = await first.nodes();
      await first.close();

      const second = await startQuietEmulator({ stateDir, cqlPort: 0, restartDelayMs: 0 });
      try {
        const after = await second.nodes();
        expect(after.map(({ address, hostname, trustedThumbprints }) => ({ address, hostname, trustedThumbprints })))
          .toEqual(before.map(({ address, hostname, trustedThumbprints }) => ({ address, hostname, trustedThumbprints })));
        expect(after.every((n) => n.listening && n.port === second.cqlPort)).toBe(true);
        expect(second.nodeCaCertPem).toBe(first.nodeCaCertPem);
        const socket = tls.connect({ host: after[0]?.address, port: second.cqlPort, ca: second.nodeCaCertPem, cert: client.certPem,
          key: client.keyPem, servername: after[0]?.hostname });
        await new Promise((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
        expect(socket.authorized).toBe(true);
        socket.destroy();
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
