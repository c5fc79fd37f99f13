// The provisioning path of architecture.md through the real SDK clients: VPN cluster → private endpoint (Pending)
// → approval → NIC IP → data center (fails before approval, succeeds after) → node status; plus certificate PATCH.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { LOCATION, TEST_RESOURCE_GROUP, TEST_STATIC_IP } from "../../support/testIds.js";
import { armClients, closeConforming, clusterPath, createNetwork, createVpnCluster, networkPath, rawRequest, startQuietEmulator } from "./support.js";

let emulator: Emulator;
let clients: ReturnType<typeof armClients>;
let subnets: { peSubnetId: string; dcSubnetId: string };
let privateLinkServiceId: string;

beforeAll(async () => {
  emulator = await startQuietEmulator();
  clients = armClients(emulator);
  subnets = await createNetwork(emulator);
  privateLinkServiceId = await createVpnCluster(emulator, "cass-vpn");
});
afterAll(() => closeConforming(emulator));

const dataCenterBody = () => ({ properties: { dataCenterLocation: LOCATION, delegatedSubnetId: subnets.dcSubnetId, nodeCount: 3,
  sku: "Standard_E8s_v5", diskCapacity: 4, privateEndpointIpAddress: TEST_STATIC_IP } });

describe("VPN provisioning through the real SDKs", () => {
  it("gives a provisioned VPN cluster a private link service id in a Microsoft-managed subscription", async () => {
    expect(privateLinkServiceId).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateLinkServices\/[^/]+$/);
    expect(privateLinkServiceId).not.toContain(clusterPath("cass-vpn").split("/")[2]);
    const cluster = await clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "cass-vpn");
    expect(cluster.properties?.provisioningState).toBe("Succeeded");
    expect(cluster.properties?.initialCassandraAdminPassword).toBeUndefined();
  });

  it("creates the private endpoint Pending with its NIC on the static IP", async () => {
    const endpoint = await clients.network.privateEndpoints.beginCreateOrUpdateAndWait(TEST_RESOURCE_GROUP, "pe-cass-vpn", {
      location: LOCATION,
      subnet: { id: subnets.peSubnetId },
      manualPrivateLinkServiceConnections: [{ name: "pe-cass-vpn", privateLinkServiceId, requestMessage: "cassandra cass-vpn" }],
      ipConfigurations: [{ name: "static", privateIPAddress: TEST_STATIC_IP }],
      customNetworkInterfaceName: "pe-cass-vpn-nic",
    }, { updateIntervalInMs: 1 });
    expect(endpoint.provisioningState).toBe("Succeeded");
    expect(endpoint.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState).toEqual(
      { status: "Pending", description: "Awaiting approval", actionsRequired: "None" });
    const nicId = endpoint.networkInterfaces?.[0]?.id ?? "";
    expect(nicId).toBe(networkPath("networkInterfaces", "pe-cass-vpn-nic"));
    const nic = await clients.network.networkInterfaces.get(TEST_RESOURCE_GROUP, nicId.split("/").pop() ?? "");
    expect(nic.ipConfigurations?.[0]?.privateIPAddress).toBe(TEST_STATIC_IP);
    expect(nic.ipConfigurations?.[0]?.privateIPAllocationMethod).toBe("Static");
    expect(nic.ipConfigurations?.[0]?.name).toMatch(/^privateEndpointIpConfig\.[0-9a-f-]{36}$/);
  });

  it("fails the data center LRO while the endpoint is not approved, with provisionError set", async () => {
    await expect(clients.cosmos.cassandraDataCenters.beginCreateUpdateAndWait(TEST_RESOURCE_GROUP, "cass-vpn", "dc1", dataCenterBody(), { updateIntervalInMs: 1 }))
      .rejects.toThrow(/long-running operation has failed.*PrivateEndpointNotApproved/);
    const dc = await clients.cosmos.cassandraDataCenters.get(TEST_RESOURCE_GROUP, "cass-vpn", "dc1");
    expect(dc.properties?.provisioningState).toBe("Failed");
    expect(dc.properties?.provisionError?.code).toBe("PrivateEndpointNotApproved");
  });

  it("approves through the control API and then provisions the data center with loopback nodes", async () => {
    const approval = await rawRequest(emulator, "POST", "/_emulator/approvals",
      { body: { privateEndpointId: networkPath("privateEndpoints", "pe-cass-vpn"), status: "Approved" } });
    expect(approval.status).toBe(200);
    const endpoint = await clients.network.privateEndpoints.get(TEST_RESOURCE_GROUP, "pe-cass-vpn");
    expect(endpoint.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status).toBe("Approved");
    expect(endpoint.provisioningState).toBe("Succeeded");

    const dc = await clients.cosmos.cassandraDataCenters.beginCreateUpdateAndWait(TEST_RESOURCE_GROUP, "cass-vpn", "dc1", dataCenterBody(), { updateIntervalInMs: 1 });
    expect(dc.properties?.provisioningState).toBe("Succeeded");
    expect(dc.properties?.provisionError).toBeUndefined();
    const seeds = dc.properties?.seedNodes?.map((s) => s.ipAddress) ?? [];
    expect(seeds).toHaveLength(3);
    for (const ip of seeds) expect(ip).toMatch(/^127\.\d+\.\d+\.\d+$/);
    expect(seeds).not.toContain("127.0.0.1");

    const status = await clients.cosmos.cassandraClusters.status(TEST_RESOURCE_GROUP, "cass-vpn");
    const nodes = status.dataCenters?.[0]?.nodes ?? [];
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => n.state === "Normal" && n.status === "Up")).toBe(true);
    expect(new Set(nodes.map((n) => n.address)).size).toBe(3);
  });

  it("replaces the whole clientCertificates list on PATCH", async () => {
    const pems = ["-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\nC\n-----END CERTIFICATE-----"];
    await clients.cosmos.cassandraClusters.beginUpdateAndWait(TEST_RESOURCE_GROUP, "cass-vpn", { properties: { clientCertificates: pems.map((pem) => ({ pem })) } },
      { updateIntervalInMs: 1 });
    const cluster = await clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "cass-vpn");
    expect(cluster.properties?.clientCertificates?.map((c) => c.pem)).toEqual(pems);
    expect(cluster.properties?.azureConnectionMethod).toBe("VPN");
    expect(cluster.properties?.privateLinkResourceId).toBe(privateLinkServiceId);
  });

  it("answered every SDK request valid and every response per its spec schema", () => {
    const { requests, summary } = emulator.requests();
    expect(summary.invalid).toBe(0);
    expect(summary.valid).toBeGreaterThan(15);
    expect(requests.filter((r) => r.responseErrors)).toEqual([]);
    expect(requests.some((r) => r.operation === "CassandraClusters_CreateUpdate")).toBe(true);
  });

  it("serves bodies that conform to the vendored response schemas", async () => {
    const api = (p: string, v: string) => `${p}?api-version=${v}`;
    const auth = { headers: { authorization: "Bearer t" } };
    for (const [path, version] of [
      [clusterPath("cass-vpn"), "2025-10-15"], [`${clusterPath("cass-vpn")}/status`, "2025-10-15"],
      [`${clusterPath("cass-vpn")}/dataCenters`, "2025-10-15"], [networkPath("privateEndpoints", "pe-cass-vpn"), "2025-05-01"],
      [networkPath("networkInterfaces", "pe-cass-vpn-nic"), "2025-05-01"], [networkPath("virtualNetworks", "vnet1"), "2025-05-01"],
    ] as const) {
      const response = await rawRequest(emulator, "GET", api(path, version), auth);
      expect(response.status).toBe(200);
      expect(emulator.validateResponse("GET", path, 200, response.body)).toEqual([]);
    }
    // The helper must be able to fail: a wrong provisioningState departs from the enum.
    expect(emulator.validateResponse("GET", clusterPath("cass-vpn"), 200, { properties: { provisioningState: "Bogus" } })).not.toEqual([]);
  });

  it("deletes the endpoint with its NIC, and the cluster with its data centers", async () => {
    await clients.network.privateEndpoints.beginDeleteAndWait(TEST_RESOURCE_GROUP, "pe-cass-vpn", { updateIntervalInMs: 1 });
    await expect(clients.network.networkInterfaces.get(TEST_RESOURCE_GROUP, "pe-cass-vpn-nic")).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    await clients.cosmos.cassandraClusters.beginDeleteAndWait(TEST_RESOURCE_GROUP, "cass-vpn", { updateIntervalInMs: 1 });
    await expect(clients.cosmos.cassandraDataCenters.get(TEST_RESOURCE_GROUP, "cass-vpn", "dc1")).rejects.toMatchObject({ statusCode: 404 });
    expect(emulator.resources().filter((r) => r.type.startsWith("Microsoft.DocumentDB"))).toEqual([]);
  });
});
