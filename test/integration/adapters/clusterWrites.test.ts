// clientCertificates writes through the real SDK client against the emulator: PATCH where the service implements it,
// and GET + full PUT where it answers that PATCH is not implemented (Terraform azurerm: "Service API complains it
// isn't implemented"). The full PUT puts back every writable property as it was, azureConnectionMethod "VPN" above all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterRef } from "../../../src/domain/ids.js";
import { startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";
import { LOCATION, TEST_CLUSTER_ADMIN_PASSWORD, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";

const subnet = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/mgmt`;
const pem = (name: string) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(name).toString("base64")}\n-----END CERTIFICATE-----`;
const ref = (clusterName: string): ClusterRef => ({ subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, clusterName });

/** A VPN cluster with every writable property set to something other than its default, created by "someone else". */
const fullCluster = {
  location: LOCATION,
  tags: { owner: "data-platform", "managed-by": "cassandra-vpn-automation" },
  identity: { type: "SystemAssigned" },
  properties: {
    azureConnectionMethod: "VPN", delegatedManagementSubnetId: subnet, clusterNameOverride: "legacy-ring", cassandraVersion: "4.0",
    authenticationMethod: "Cassandra", initialCassandraAdminPassword: TEST_CLUSTER_ADMIN_PASSWORD, prometheusEndpoint: { ipAddress: "10.9.0.9" },
    repairEnabled: false, externalGossipCertificates: [{ pem: pem("partner gossip") }], externalSeedNodes: [{ ipAddress: "10.9.0.4" }],
    hoursBetweenBackups: 12, deallocated: false, cassandraAuditLoggingEnabled: true, clientCertificates: [{ pem: pem("old CA") }],
  },
};

let plain: AdapterWorld;
let noPatch: AdapterWorld;
/** Bodies of the writes noPatch's app client sent, in order. */
const sent: Array<{ method: string; body: any }> = [];

async function createCluster(world: AdapterWorld, clusterName: string): Promise<void> {
  await world.clients.cosmos(TEST_SUBSCRIPTION).cassandraClusters.beginCreateUpdateAndWait(TEST_RESOURCE_GROUP, clusterName, fullCluster as any,
    { updateIntervalInMs: 1 });
}

const clusterRequests = (world: AdapterWorld, clusterName: string) => world.emulator.requests().requests
  .filter((r) => r.path.toLowerCase().endsWith(`/cassandraclusters/${clusterName}`)).map((r) => `${r.method} ${r.status}`);
/** The requests on the cluster since `from`, up to its last write (the SDK's final GET of a finished LRO left out). */
const untilLastWrite = (world: AdapterWorld, clusterName: string, from: number) => {
  const since = clusterRequests(world, clusterName).slice(from);
  return since.slice(0, since.findLastIndex((r) => !r.startsWith("GET")) + 1);
};
const stored = (world: AdapterWorld, clusterName: string) => world.emulator.resources().find((r) => r.name === clusterName)!;

beforeAll(async () => {
  plain = await startAdapterWorld();
  noPatch = await startAdapterWorld({ patchClusterNotImplemented: true });
  noPatch.clients.cosmos(TEST_SUBSCRIPTION).pipeline.addPolicy({
    name: "capture-writes",
    sendRequest: async (request, next) => {
      if (request.method !== "GET") sent.push({ method: request.method, body: JSON.parse(String(request.body ?? "null")) });
      return next(request);
    },
  });
  await createCluster(plain, "cass-a");
  await createCluster(noPatch, "cass-b");
});
afterAll(async () => {
  await plain?.dispose();
  await noPatch?.dispose();
});

describe("clientCertificates writes", () => {
  it("uses one PATCH where the service implements it, with no read and no PUT", async () => {
    const before = clusterRequests(plain, "cass-a").length;
    await plain.adapters.clusters.beginSetClientCertificates(ref("cass-a"), [pem("old CA"), pem("new CA")]);
    expect(untilLastWrite(plain, "cass-a", before)).toEqual(["PATCH 202"]);
    expect((await plain.adapters.clusters.get(ref("cass-a")))?.clientCertificates).toEqual([pem("old CA"), pem("new CA")]);
  });

  it("falls back to GET + full PUT when PATCH answers 501 NotImplemented, keeping VPN and every other writable property", async () => {
    const before = structuredClone(stored(noPatch, "cass-b"));
    const requestsBefore = clusterRequests(noPatch, "cass-b").length;
    sent.length = 0;
    await noPatch.adapters.clusters.beginSetClientCertificates(ref("cass-b"), [pem("old CA"), pem("new CA")]);

    expect(untilLastWrite(noPatch, "cass-b", requestsBefore)).toEqual(["PATCH 501", "GET 200", "PUT 200"]);
    const put = sent.find((s) => s.method === "PUT")!.body;
    expect(put.location).toBe(LOCATION);
    expect(put.tags).toEqual(fullCluster.tags);
    expect(put.identity).toEqual({ type: "SystemAssigned" });
    const { initialCassandraAdminPassword: _secret, ...writable } = fullCluster.properties;
    expect(put.properties).toEqual({ ...writable, clientCertificates: [{ pem: pem("old CA") }, { pem: pem("new CA") }] });

    const after = stored(noPatch, "cass-b");
    expect(after.properties.azureConnectionMethod).toBe("VPN");
    const ignoring = (r: typeof after) => ({ ...r, properties: { ...r.properties, clientCertificates: undefined, provisioningState: undefined } });
    expect(ignoring(after)).toEqual(ignoring(before));
    expect(after.properties.clientCertificates).toEqual([{ pem: pem("old CA") }, { pem: pem("new CA") }]);
    expect(after.identity).toEqual(before.identity);
  });

  it("also falls back on 405, and on a 400 that says the operation is not implemented", async () => {
    const answers = [
      { status: 405, body: { error: { code: "MethodNotAllowed", message: "The requested resource does not support http method 'PATCH'." } } },
      { status: 400, body: { error: { code: "BadRequest", message: "Update isn't implemented for this resource; use CreateUpdate." } } },
    ];
    for (const [i, response] of answers.entries()) {
      plain.emulator.addFault({ match: { method: "PATCH", pathPattern: "/cassandraClusters/cass-a$" }, response, times: 1 });
      const before = clusterRequests(plain, "cass-a").length;
      const pems = [pem("old CA"), pem(`fallback ${i}`)];
      await plain.adapters.clusters.beginSetClientCertificates(ref("cass-a"), pems);
      expect(untilLastWrite(plain, "cass-a", before)).toEqual([`PATCH ${response.status}`, "GET 200", "PUT 200"]);
      expect((await plain.adapters.clusters.get(ref("cass-a")))?.clientCertificates).toEqual(pems);
      expect(stored(plain, "cass-a").properties).toMatchObject({ azureConnectionMethod: "VPN", repairEnabled: false, hoursBetweenBackups: 12 });
    }
  });

  it("sends a plain 400 to the PUT as well, and reports the PUT's refusal of a genuinely bad request", async () => {
    const refusal = { status: 400, body: { error: { code: "InvalidCertificate", message: "clientCertificates[1] is not a PEM certificate." } } };
    plain.emulator.addFault({ match: { method: "PATCH", pathPattern: "/cassandraClusters/cass-a$" }, times: 1, response: refusal });
    plain.emulator.addFault({ match: { method: "PUT", pathPattern: "/cassandraClusters/cass-a$" }, times: 1, response: refusal });
    const listBefore = stored(plain, "cass-a").properties.clientCertificates;
    const before = clusterRequests(plain, "cass-a").length;
    await expect(plain.adapters.clusters.beginSetClientCertificates(ref("cass-a"), [pem("old CA"), "garbage"]))
      .rejects.toMatchObject({ kind: "permanent", statusCode: 400, code: "InvalidCertificate" });
    expect(clusterRequests(plain, "cass-a").slice(before)).toEqual(["PATCH 400", "GET 200", "PUT 400"]);
    expect(stored(plain, "cass-a").properties.clientCertificates).toEqual(listBefore);
  });

  it("does not fall back on a busy cluster (409): the PUT would be refused the same way", async () => {
    plain.emulator.addFault({
      match: { method: "PATCH", pathPattern: "/cassandraClusters/cass-a$" }, times: 1,
      response: { status: 409, body: { error: { code: "Conflict", message: "There is already an operation in progress." } } },
    });
    const before = clusterRequests(plain, "cass-a").length;
    await expect(plain.adapters.clusters.beginSetClientCertificates(ref("cass-a"), [pem("old CA")]))
      .rejects.toMatchObject({ kind: "conflict", statusCode: 409 });
    expect(clusterRequests(plain, "cass-a").slice(before)).toEqual(["PATCH 409"]);
  });
});
