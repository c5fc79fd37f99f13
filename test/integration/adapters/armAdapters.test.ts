// The app's ARM ports (src/adapters) through the real SDK clients against the emulator over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AzureOperationError } from "../../../src/adapters/errors.js";
import type { PrivateEndpointRef } from "../../../src/domain/networkPorts.js";
import type { DatacenterRef } from "../../../src/domain/ports.js";
import type { ClusterRef } from "../../../src/domain/ids.js";
import { startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";
import { LOCATION, TEST_RESOURCE_GROUP, TEST_STATIC_IP, TEST_SUBSCRIPTION } from "../../support/testIds.js";

const cluster: ClusterRef = { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, clusterName: "cass-vpn" };
const endpoint: PrivateEndpointRef = { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, name: "pe-cass-vpn" };
const dc1: DatacenterRef = { ...cluster, datacenterName: "dc1" };
const vnet = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet1`;
const peSubnet = `${vnet}/subnets/pe`;
const dcSubnet = `${vnet}/subnets/dc`;

let world: AdapterWorld;

beforeAll(async () => {
  world = await startAdapterWorld();
  await world.clients.network(TEST_SUBSCRIPTION).virtualNetworks.beginCreateOrUpdateAndWait(TEST_RESOURCE_GROUP, "vnet1", {
    location: LOCATION,
    addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
    subnets: [{ name: "pe", addressPrefix: "10.0.3.0/24" }, { name: "dc", addressPrefix: "10.0.2.0/24" }],
  }, { updateIntervalInMs: 1 });
});
// The request audit (test/support/requestAudit.ts): the one deliberately bad body is the only invalid request.
afterAll(() => world.dispose({ expectInvalid: [(r) => r.method === "PUT" && /dataCenters\/dc3$/.test(r.path)] }));

const countRequests = (method: string, pattern: RegExp) =>
  world.emulator.requests().requests.filter((r) => r.method === method && pattern.test(r.path)).length;

describe("ARM adapters against the emulator", () => {
  it("creates a VPN cluster and reads its privateLinkResourceId once Succeeded", async () => {
    expect(await world.adapters.clusters.get(cluster)).toBeUndefined();
    await world.adapters.clusters.beginCreate({
      ...cluster, location: LOCATION, cassandraVersion: "4.0", delegatedManagementSubnetId: dcSubnet,
      initialAdminPassword: "Adm1n-pass-w0rd", tags: { "managed-by": "cassandra-vpn-automation" },
    });
    const state = await world.adapters.clusters.get(cluster);
    expect(state).toMatchObject({ provisioningState: "Succeeded", azureConnectionMethod: "VPN", tags: { "managed-by": "cassandra-vpn-automation" } });
    expect(state?.privateLinkResourceId).toMatch(/\/providers\/Microsoft\.Network\/privateLinkServices\//);
    expect(await world.adapters.clusters.listBySubscription(TEST_SUBSCRIPTION)).toHaveLength(1);
  });

  it("reads the subnet prefix a preflight checks", async () => {
    expect(await world.adapters.network.getSubnet(peSubnet)).toEqual({ id: peSubnet, addressPrefixes: ["10.0.3.0/24"] });
    expect(await world.adapters.network.getSubnet(`${vnet}/subnets/missing`)).toBeUndefined();
  });

  it("creates the private endpoint Pending, on a NIC with the static IP, and sees the approval", async () => {
    const pls = (await world.adapters.clusters.get(cluster))!.privateLinkResourceId!;
    await world.adapters.network.beginCreatePrivateEndpoint({
      ...endpoint, location: LOCATION, subnetId: peSubnet, privateLinkServiceId: pls, staticIpAddress: TEST_STATIC_IP,
      requestMessage: "cassandra cass-vpn", networkInterfaceName: "pe-cass-vpn-nic", tags: {},
    });
    const pending = await world.adapters.network.getPrivateEndpoint(endpoint);
    expect(pending).toMatchObject({ provisioningState: "Succeeded", connectionStatus: "Pending", privateLinkServiceId: pls, staticIpAddresses: [TEST_STATIC_IP] });
    expect(await world.adapters.network.getNetworkInterfaceIp(pending!.networkInterfaceId!)).toBe(TEST_STATIC_IP);

    world.emulator.approve({ privateEndpointId: pending!.id, status: "Approved" });
    expect((await world.adapters.network.getPrivateEndpoint(endpoint))?.connectionStatus).toBe("Approved");
  });

  it("tells which addresses of the virtual network are still free", async () => {
    expect(await world.adapters.network.isIpAddressAvailable(peSubnet, TEST_STATIC_IP)).toBe(false);
    expect(await world.adapters.network.isIpAddressAvailable(peSubnet, "10.0.3.11")).toBe(true);
    expect(await world.adapters.network.isIpAddressAvailable(peSubnet, "10.0.3.1")).toBe(false);
    expect(await world.adapters.network.isIpAddressAvailable(peSubnet, "10.9.0.4")).toBe(false);
  });

  it("creates the datacenter with privateEndpointIpAddress and lists its nodes Up", async () => {
    await world.adapters.datacenters.beginCreate({ ...dc1, location: LOCATION, delegatedSubnetId: dcSubnet, nodeCount: 3, privateEndpointIpAddress: TEST_STATIC_IP });
    const dc = await world.adapters.datacenters.get(dc1);
    expect(dc).toMatchObject({ provisioningState: "Succeeded", privateEndpointIpAddress: TEST_STATIC_IP, nodeCount: 3 });
    const nodes = await world.adapters.clusters.nodes(cluster);
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => n.datacenter === "dc1" && n.status === "Up")).toBe(true);
  });

  it("replaces the whole clientCertificates list with a PATCH", async () => {
    const pems = ["-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----"];
    await world.adapters.clusters.beginSetClientCertificates(cluster, pems);
    expect((await world.adapters.clusters.get(cluster))?.clientCertificates).toEqual(pems);
    await world.adapters.clusters.beginSetClientCertificates(cluster, pems.slice(1));
    expect((await world.adapters.clusters.get(cluster))?.clientCertificates).toEqual(pems.slice(1));
  });

  it("lets the SDK retry a 429 that carries a retry delay", async () => {
    world.emulator.addFault({ match: { method: "GET", pathPattern: "cassandraClusters/cass-vpn$" }, times: 2,
      response: { status: 429, headers: { "retry-after-ms": "5" }, body: { error: { code: "TooManyRequests", message: "slow down" } } } });
    const before = countRequests("GET", /cassandraClusters\/cass-vpn$/);
    expect((await world.adapters.clusters.get(cluster))?.provisioningState).toBe("Succeeded");
    expect(countRequests("GET", /cassandraClusters\/cass-vpn$/) - before).toBe(3);
  });

  it("maps a 429 without any delay header to a transient error (the SDK does not retry it)", async () => {
    world.emulator.addFault({ match: { method: "GET", pathPattern: "cassandraClusters/cass-vpn$" }, times: 1,
      response: { status: 429, body: { error: { code: "RetryableErrorDueToAnotherOperation", message: "busy" } } } });
    const error = await world.adapters.clusters.get(cluster).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AzureOperationError);
    expect(error).toMatchObject({ kind: "transient", statusCode: 429, code: "RetryableErrorDueToAnotherOperation" });
  });

  it("surfaces a Failed long-running operation as a permanent error with its code", async () => {
    world.emulator.addFault({ match: { method: "PUT", pathPattern: "dataCenters/dc2$" }, times: 1, response: { lroStatus: "Failed" } });
    const error = await world.adapters.datacenters
      .beginCreate({ ...cluster, datacenterName: "dc2", location: LOCATION, delegatedSubnetId: dcSubnet, nodeCount: 3, privateEndpointIpAddress: TEST_STATIC_IP })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AzureOperationError);
    expect(error).toMatchObject({ kind: "permanent" });
    expect((error as Error).message).toMatch(/^permanent: create datacenter cass-rg\/cass-vpn\/dc2 failed/);
    expect((await world.adapters.datacenters.get({ ...cluster, datacenterName: "dc2" }))?.provisioningState).toBe("Failed");
  });

  it("gets a 400 naming the field for a spec-invalid body, counted invalid", async () => {
    const invalidBefore = world.emulator.requests().summary.invalid;
    const error = await world.adapters.datacenters
      .beginCreate({ ...cluster, datacenterName: "dc3", location: LOCATION, delegatedSubnetId: dcSubnet, nodeCount: 3.5, privateEndpointIpAddress: TEST_STATIC_IP })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "permanent", statusCode: 400 });
    expect((error as Error).message).toMatch(/nodeCount/);
    expect(world.emulator.requests().summary.invalid).toBe(invalidBefore + 1);
  });

  it("deletes the datacenter, the endpoint and the cluster", async () => {
    await world.adapters.datacenters.beginDelete(dc1);
    await world.adapters.network.beginDeletePrivateEndpoint(endpoint);
    await world.adapters.clusters.beginDelete(cluster);
    expect(await world.adapters.datacenters.get(dc1)).toBeUndefined();
    expect(await world.adapters.network.getPrivateEndpoint(endpoint)).toBeUndefined();
    expect(await world.adapters.clusters.get(cluster)).toBeUndefined();
  });
});

describe("conformance", () => {
  it("every emulator answer matched its spec response schema; only the deliberate bad body was invalid", () => {
    const { requests } = world.emulator.requests();
    expect(requests.filter((r) => r.responseErrors).map((r) => `${r.method} ${r.path}: ${r.responseErrors}`)).toEqual([]);
    expect(requests.filter((r) => r.valid === false).map((r) => r.path)).toEqual([expect.stringMatching(/dataCenters\/dc3$/)]);
  });
});
