// The updateClusterTrust activity where the service does not implement PATCH: the full PUT it falls back to carries
// azureConnectionMethod "VPN" and the list merged from the cluster as read, so the other clients' certificates (a
// partner's CA, an entry pasted by hand that is no certificate) go back byte for byte, with ours added or removed.
// The bodies are taken off the app's own HTTP pipeline; the expected lists are built here from the inputs.
import { X509Certificate } from "node:crypto";
import type { InvocationContext } from "@azure/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateClusterTrust } from "../../../activities/trust.activity.js";
import { createRootCa, type PemPair } from "../../../local/emulator/tls/certificates.js";
import type { Adapters } from "../../../src/domain/ports.js";
import { startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";
import { LOCATION, TEST_CLUSTER_ADMIN_PASSWORD, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";

const CLUSTER = "cass-merge";
const GARBAGE = "pasted by hand from a wiki page: not a certificate";
const cluster = { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, clusterName: CLUSTER };
const subnet = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/mgmt`;
const thumbprint = (pem: string) => new X509Certificate(pem).fingerprint.replace(/:/g, "");
const derBase64 = (pem: string) => new X509Certificate(pem).raw.toString("base64");

let world: AdapterWorld;
let partnerCa: PemPair;
let oldCa: PemPair;
let newCa: PemPair;
const puts: any[] = [];
let trust: ReturnType<typeof updateClusterTrust>;

beforeAll(async () => {
  world = await startAdapterWorld({ patchClusterNotImplemented: true });
  [partnerCa, oldCa, newCa] = await Promise.all([createRootCa("Partner analytics CA"), createRootCa("cass-merge CA v1"), createRootCa("cass-merge CA v2")]);
  const cosmos = world.clients.cosmos(TEST_SUBSCRIPTION);
  await cosmos.cassandraClusters.beginCreateUpdateAndWait(TEST_RESOURCE_GROUP, CLUSTER, {
    location: LOCATION, tags: { owner: "data-platform" },
    properties: {
      azureConnectionMethod: "VPN", delegatedManagementSubnetId: subnet, cassandraVersion: "4.0", authenticationMethod: "Cassandra",
      initialCassandraAdminPassword: TEST_CLUSTER_ADMIN_PASSWORD, repairEnabled: false,
      clientCertificates: [{ pem: partnerCa.certPem }, { pem: GARBAGE }, { pem: oldCa.certPem }],
    },
  }, { updateIntervalInMs: 1 });
  cosmos.pipeline.addPolicy({
    name: "capture-puts",
    sendRequest: async (request, next) => {
      if (request.method === "PUT") puts.push(JSON.parse(String(request.body)));
      return next(request);
    },
  });
  // Key Vault stands in with the new CA's DER; the cluster side is the real adapter against the emulator.
  const certificates = { getVersion: async () => ({ certificateBase64: derBase64(newCa.certPem) }) } as unknown as Adapters["certificates"];
  trust = updateClusterTrust(async () => ({ ...world.adapters, certificates }));
});
afterAll(() => world?.dispose());

const run = (change: { add: Array<{ name: string; version: string }>; remove: string[] }) => trust({ cluster, ...change }, {} as InvocationContext);
const pemsOf = (body: any): string[] => body.properties.clientCertificates.map((c: { pem: string }) => c.pem);
const describeList = (pems: string[]) => pems.map((pem) => (pem === GARBAGE ? "garbage" : pem === partnerCa.certPem ? "partner" : thumbprint(pem)));

describe("updateClusterTrust through GET + full PUT", () => {
  it("adds our new CA after everything the cluster already lists, in a PUT that keeps VPN", async () => {
    const result = await run({ add: [{ name: "cass-merge-ca", version: "v2" }], remove: [] });
    expect(result).toMatchObject({ ok: true, value: { changed: true } });
    expect(puts).toHaveLength(1);
    expect(puts[0].properties.azureConnectionMethod).toBe("VPN");
    expect(puts[0].properties).toMatchObject({ delegatedManagementSubnetId: subnet, repairEnabled: false, cassandraVersion: "4.0" });
    expect(puts[0].tags).toEqual({ owner: "data-platform" });
    expect(pemsOf(puts[0]).slice(0, 3)).toEqual([partnerCa.certPem, GARBAGE, oldCa.certPem]);
    expect(describeList(pemsOf(puts[0]))).toEqual(["partner", "garbage", thumbprint(oldCa.certPem), thumbprint(newCa.certPem)]);
  });

  it("removes only our old CA: the partner's CA and the pasted entry go back as they were", async () => {
    const result = await run({ add: [], remove: [thumbprint(oldCa.certPem)] });
    expect(result).toMatchObject({ ok: true, value: { changed: true } });
    expect(puts).toHaveLength(2);
    expect(puts[1].properties.azureConnectionMethod).toBe("VPN");
    expect(describeList(pemsOf(puts[1]))).toEqual(["partner", "garbage", thumbprint(newCa.certPem)]);
    expect(pemsOf(puts[1]).slice(0, 2)).toEqual([partnerCa.certPem, GARBAGE]);
    const stored = world.emulator.resources().find((r) => r.name === CLUSTER)!;
    expect(stored.properties.azureConnectionMethod).toBe("VPN");
    expect(describeList((stored.properties.clientCertificates as Array<{ pem: string }>).map((c) => c.pem))).toEqual(["partner", "garbage", thumbprint(newCa.certPem)]);
  });
});
