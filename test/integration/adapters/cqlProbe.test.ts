// The app's mTLS probe against emulated Cassandra nodes, plus small local servers for the failure shapes the
// emulator does not produce (a TLS 1.3 server's late refusal, a wrong name, a CQL error, silence).
import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedNode } from "../../../local/emulator/cassandra/index.js";
import { encodeFrame, Opcode } from "../../../local/emulator/cassandra/protocol/frame.js";
import { errorBody, ErrorCode } from "../../../local/emulator/cassandra/protocol/messages.js";
import type { Emulator } from "../../../local/emulator/server.js";
import { createRootCa, issueClientCertificate, issueServerCertificate, type PemPair } from "../../../local/emulator/tls/certificates.js";
import { probeCqlNode, readServerChain, type CqlProbeResult } from "../../../src/adapters/cqlProbe.js";
import { createNetwork, createVpnCluster, provisionDataCenter, startQuietEmulator } from "../emulator/support.js";

let emulator: Emulator;
let nodes: EmulatedNode[];
let clientCa: PemPair;
let client: PemPair;
let stranger: PemPair;
const results: CqlProbeResult[] = [];
const servers: net.Server[] = [];

beforeAll(async () => {
  emulator = await startQuietEmulator({ cqlPort: 0, restartDelayMs: 0 });
  clientCa = await createRootCa("App client CA");
  [client, stranger] = await Promise.all([issueClientCertificate(clientCa, "app"), issueClientCertificate(await createRootCa("Other"), "x")]);
  await createNetwork(emulator);
  await createVpnCluster(emulator, "probed", clientCa.certPem);
  await provisionDataCenter(emulator, "probed", { nodeCount: 2 });
  nodes = await emulator.nodes();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await emulator.close();
});

async function probe(overrides: Partial<Parameters<typeof probeCqlNode>[0]> = {}): Promise<CqlProbeResult> {
  const result = await probeCqlNode({ address: nodes[0]?.address ?? "", port: emulator.cqlPort, clientCertificatePem: client.certPem,
    clientKeyPem: client.keyPem, trustedCaPems: [emulator.nodeCaCertPem], timeoutMs: 2000, ...overrides });
  results.push(result);
  return result;
}

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

/** A TLS server on 127.0.0.1 with a certificate for `name`, signed by a CA the probe is told to trust. */
async function localTlsServer(name: string, options: tls.TlsOptions, onSecure: (socket: tls.TLSSocket) => void = () => {}) {
  const ca = await createRootCa("Local test root");
  const identity = await issueServerCertificate(ca, { commonName: name, dnsNames: [name], ipAddresses: ["127.0.0.1"] });
  const port = await listen(tls.createServer({ key: identity.keyPem, cert: identity.certPem, ...options }, onSecure));
  return { port, trustedCaPems: [ca.certPem], address: "127.0.0.1" };
}

describe("probeCqlNode", () => {
  it("completes the mutual handshake and OPTIONS → SUPPORTED with a trusted client certificate", async () => {
    for (const node of nodes) {
      const result = await probe({ address: node.address });
      expect(result).toEqual({ ok: true, serverNames: [node.hostname], protocolVersion: 4,
        supported: { CQL_VERSION: ["3.4.5"], COMPRESSION: [], PROTOCOL_VERSIONS: ["4/v4"] } });
    }
  });

  it("fails at the tls stage for a client certificate the cluster does not trust", async () => {
    expect(await probe({ clientCertificatePem: stranger.certPem, clientKeyPem: stranger.keyPem })).toMatchObject({ ok: false, stage: "tls" });
  });

  it("fails at the tls stage when the node's chain does not verify against the given roots or the public ones", async () => {
    const other = await createRootCa("Unrelated root");
    expect(await probe({ trustedCaPems: [other.certPem] })).toMatchObject({ ok: false, stage: "tls", reason: expect.stringMatching(/CERT/) });
    expect(await probe({ trustedCaPems: undefined })).toMatchObject({ ok: false, stage: "tls" });
  });

  it("fails at the tls stage when the node certificate carries no managed-Cassandra name", async () => {
    const server = await localTlsServer("localhost", {});
    const result = await probe(server);
    expect(result).toMatchObject({ ok: false, stage: "tls", reason: expect.stringContaining("no managed-Cassandra DNS name") });
  });

  it("classifies a TLS 1.3 server's refusal after the handshake as tls", async () => {
    const server = await localTlsServer("dc1000000.managedcassandra.cosmos.azure.com",
      { requestCert: true, rejectUnauthorized: true, ca: [clientCa.certPem], minVersion: "TLSv1.3" });
    expect(await probe({ ...server, clientCertificatePem: stranger.certPem, clientKeyPem: stranger.keyPem }))
      .toMatchObject({ ok: false, stage: "tls" });
  });

  it("fails at the cql stage when the node answers OPTIONS with an error", async () => {
    const server = await localTlsServer("dc1000000.managedcassandra.cosmos.azure.com", {}, (socket) => socket.once("data", () =>
      socket.write(encodeFrame({ stream: 1, opcode: Opcode.error, body: errorBody(ErrorCode.protocol, "no v4 here") }))));
    expect(await probe(server)).toEqual({ ok: false, stage: "cql", reason: "the node answered ERROR 0xa: no v4 here" });
  });

  it("gives up at the timeout against a listener that never answers", async () => {
    // Reads (so it notices the probe hanging up) but never answers the TLS ClientHello.
    const port = await listen(net.createServer((socket) => socket.resume()));
    expect(await probe({ address: "127.0.0.1", port, timeoutMs: 150 })).toMatchObject({ ok: false, stage: "timeout" });
  });

  it("fails at the connect stage against a closed port", async () => {
    const port = await listen(net.createServer());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await probe({ address: "127.0.0.1", port })).toMatchObject({ ok: false, stage: "connect", reason: expect.stringContaining("ECONNREFUSED") });
  });

  it("reports an unusable key without echoing it", async () => {
    const brokenKey = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
    expect(await probe({ clientKeyPem: brokenKey })).toMatchObject({ ok: false, stage: "tls" });
  });

  it("never puts key material in a reason", () => {
    expect(results.length).toBeGreaterThan(8);
    for (const result of results) if (!result.ok) expect(result.reason).not.toMatch(/PRIVATE KEY|BEGIN/);
  });
});

describe("readServerChain", () => {
  it("returns the node certificate then the root that signed it", async () => {
    const chain = await readServerChain({ address: nodes[1]?.address ?? "", port: emulator.cqlPort, timeoutMs: 2000,
      trustedCaPems: [emulator.nodeCaCertPem], clientCertificatePem: client.certPem, clientKeyPem: client.keyPem });
    expect(chain).toHaveLength(2);
    expect(new (await import("node:crypto")).X509Certificate(chain[0] ?? "").subjectAltName).toContain(`DNS:${nodes[1]?.hostname}`);
    expect(chain[1]?.replace(/\s/g, "")).toBe(emulator.nodeCaCertPem.replace(/\s/g, ""));
  });

  it("rejects with the failing stage when the node cannot be reached", async () => {
    await expect(readServerChain({ address: nodes[0]?.address ?? "", port: emulator.cqlPort, timeoutMs: 2000 }))
      .rejects.toMatchObject({ stage: "tls" });
  });
});
