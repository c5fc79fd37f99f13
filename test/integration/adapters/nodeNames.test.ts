// Node names: sources disagree on their shape (host-and-service.md §11), so the probe accepts both shapes read from
// the node certificates, and nothing else. The emulator can present either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { createRootCa, issueClientCertificate } from "../../../local/emulator/tls/certificates.js";
import { probeCqlNode } from "../../../src/adapters/cqlProbe.js";
import { nodeNamesIn } from "../../../src/adapters/nodeCertificateNames.js";
import { createNetwork, createVpnCluster, provisionDataCenter, startQuietEmulator } from "../emulator/support.js";

describe("node names in a subjectAltName", () => {
  it("are the managed-Cassandra names of either shape, and only those", () => {
    const san = "DNS:dc1000000.managedcassandra.cosmos.azure.com, DNS:node-7.managedcassandra.internal.cosmos.azure.com, "
      + "DNS:evil.managedcassandra.cosmos.azure.com.attacker.net, DNS:managedcassandra.cosmos.azure.com, IP Address:10.0.8.4";
    expect(nodeNamesIn(san)).toEqual(["dc1000000.managedcassandra.cosmos.azure.com", "node-7.managedcassandra.internal.cosmos.azure.com"]);
  });
});

describe("a node named in the internal shape", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startQuietEmulator({ cqlPort: 0, restartDelayMs: 0, nodeNames: "internal" });
  });
  afterAll(() => emulator.close());

  it("passes the probe, which reports its name", async () => {
    const clientCa = await createRootCa("App client CA");
    const client = await issueClientCertificate(clientCa, "app");
    await createNetwork(emulator);
    await createVpnCluster(emulator, "internal-names", clientCa.certPem);
    await provisionDataCenter(emulator, "internal-names", { nodeCount: 1 });
    const [node] = await emulator.nodes();
    const result = await probeCqlNode({ address: node!.address, port: emulator.cqlPort, clientCertificatePem: client.certPem,
      clientKeyPem: client.keyPem, trustedCaPems: [emulator.nodeCaCertPem], timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, serverNames: ["dc1000000.managedcassandra.internal.cosmos.azure.com"] });
  });
});
