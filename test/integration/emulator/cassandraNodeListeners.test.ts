// The emulated Cassandra nodes' listeners: one per data center node on loopback, named like Azure's, closed when
// the data center is deleted; a taken native port or node address; and listening again after an emulator restart
// from its persisted state. Plain sockets and node:tls are the oracle (cassandraNodes.test.ts has the driver's view).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedNode } from "../../../local/emulator/cassandra/index.js";
import type { Emulator } from "../../../local/emulator/server.js";
import { createRootCa, issueClientCertificate, type PemPair } from "../../../local/emulator/tls/certificates.js";
import { TEST_RESOURCE_GROUP } from "../../support/testIds.js";
import { armClients, createNetwork, createVpnCluster, provisionDataCenter, startQuietEmulator } from "./support.js";

const CLUSTER = "cass-nodes";
const RESTART_DELAY_MS = 60_000;
const GARBAGE = "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----";

const clock = Date.UTC(2026, 10, 23);
let emulator: Emulator;
let nodes: EmulatedNode[];
let clientCa: PemPair;
let client: PemPair;

beforeAll(async () => {
  emulator = await startQuietEmulator({ cqlPort: 0, restartDelayMs: RESTART_DELAY_MS, now: () => clock, throttle: false });
  clientCa = await createRootCa("Test client CA");
  client = await issueClientCertificate(clientCa, "app-client");
  await createNetwork(emulator);
  await createVpnCluster(emulator, CLUSTER, GARBAGE);
  await provisionDataCenter(emulator, CLUSTER, { nodeCount: 3 });
  nodes = await emulator.nodes();
});
afterAll(() => emulator.close());

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
