// Shared fixtures for the emulator's integration tests: a quiet emulator, the real SDK clients trusting its CA,
// and a raw HTTPS helper for requests the SDKs would never send.
import https from "node:https";
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { NetworkManagementClient } from "@azure/arm-network";
import { expect } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../local/emulator/server.js";
import {
  LOCATION, TEST_CLUSTER_ADMIN_PASSWORD, TEST_RESOURCE_GROUP, TEST_STATIC_IP, TEST_SUBSCRIPTION, testCredential,
} from "../../support/testIds.js";

export const COSMOS_API = "2025-10-15";
export const NETWORK_API = "2025-05-01";

/** A quiet emulator in which the user's resource group `cass-rg` already exists (the app never creates groups). */
export function startQuietEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ lroDelayMs: 0, log: () => {}, resourceGroups: [{ subscriptionId: TEST_SUBSCRIPTION, name: TEST_RESOURCE_GROUP, location: LOCATION }], ...options });
}

/**
 * Closes the emulator after checking that every answer it gave conformed to its operation's response schema, and
 * that every request was validated (these tests send invalid ones on purpose, but none goes unchecked).
 */
export async function closeConforming(emulator: Emulator): Promise<void> {
  const { requests, summary } = emulator.requests();
  await emulator.close();
  expect(requests.filter((r) => r.responseErrors)).toEqual([]);
  expect(summary.unchecked).toBe(0);
}

export function armClients(emulator: Emulator, extra: { retryDelayInMs?: number } = {}) {
  const options = {
    endpoint: emulator.armEndpoint,
    tlsOptions: { ca: emulator.caCertPem },
    ...(extra.retryDelayInMs === undefined ? {} : { retryOptions: { retryDelayInMs: extra.retryDelayInMs, maxRetryDelayInMs: extra.retryDelayInMs } }),
  };
  return {
    cosmos: new CosmosDBManagementClient(testCredential, TEST_SUBSCRIPTION, options),
    network: new NetworkManagementClient(testCredential, TEST_SUBSCRIPTION, options),
  };
}

export const clusterPath = (name: string) =>
  `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.DocumentDB/cassandraClusters/${name}`;
export const networkPath = (type: string, name: string) =>
  `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/${type}/${name}`;

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A request exactly as given (no SDK), trusting the emulator's CA. */
export function rawRequest(
  emulator: Emulator,
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  // A path is appended, not resolved: one starting with `//` would otherwise be read as a host name.
  const url = new URL(/^https?:/.test(pathAndQuery) ? pathAndQuery : `${emulator.armEndpoint}${pathAndQuery}`);
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method,
      ca: emulator.caCertPem,
      headers: { ...(payload ? { "content-type": "application/json" } : {}), ...options.headers },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** A virtual network with a subnet for private endpoints (10.0.3.0/24) and one for data centers. */
export async function createNetwork(emulator: Emulator): Promise<{ peSubnetId: string; dcSubnetId: string }> {
  const { network } = armClients(emulator);
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(TEST_RESOURCE_GROUP, "vnet1", {
    location: LOCATION,
    addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
    subnets: [{ name: "pe", addressPrefix: "10.0.3.0/24" }, { name: "dc", addressPrefix: "10.0.2.0/24" }],
  }, { updateIntervalInMs: 1 });
  const id = (name: string) => vnet.subnets?.find((s) => s.name === name)?.id ?? "";
  return { peSubnetId: id("pe"), dcSubnetId: id("dc") };
}

/** A VPN cluster, provisioned; returns its private link service id. */
export async function createVpnCluster(emulator: Emulator, name: string, pem = "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----"): Promise<string> {
  const { cosmos } = armClients(emulator);
  await cosmos.cassandraClusters.beginCreateUpdateAndWait(TEST_RESOURCE_GROUP, name, {
    location: LOCATION,
    tags: { "managed-by": "cassandra-vpn-app" },
    properties: {
      azureConnectionMethod: "VPN",
      cassandraVersion: "4.0",
      authenticationMethod: "Cassandra",
      initialCassandraAdminPassword: TEST_CLUSTER_ADMIN_PASSWORD,
      clientCertificates: [{ pem }],
      delegatedManagementSubnetId: `${networkPath("virtualNetworks", "vnet1")}/subnets/mgmt`,
    },
  }, { updateIntervalInMs: 1 });
  const cluster = await cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, name);
  return cluster.properties?.privateLinkResourceId ?? "";
}

/**
 * The whole VPN path for cluster `name` (created with createVpnCluster): a private endpoint on `staticIp`, approved,
 * then data center `dataCenter` with `nodeCount` nodes. Needs createNetwork first.
 */
export async function provisionDataCenter(emulator: Emulator, name: string,
  { dataCenter = "dc1", nodeCount = 3, staticIp = TEST_STATIC_IP }: { dataCenter?: string; nodeCount?: number; staticIp?: string } = {}): Promise<void> {
  const { cosmos, network } = armClients(emulator);
  const cluster = await cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, name);
  const vnet = await network.virtualNetworks.get(TEST_RESOURCE_GROUP, "vnet1");
  const subnetId = (subnet: string) => vnet.subnets?.find((s) => s.name === subnet)?.id ?? "";
  const endpointName = `pe-${name}-${dataCenter}`;
  await network.privateEndpoints.beginCreateOrUpdateAndWait(TEST_RESOURCE_GROUP, endpointName, {
    location: LOCATION,
    subnet: { id: subnetId("pe") },
    manualPrivateLinkServiceConnections: [{ name: endpointName, privateLinkServiceId: cluster.properties?.privateLinkResourceId ?? "" }],
    ipConfigurations: [{ name: "static", privateIPAddress: staticIp }],
  }, { updateIntervalInMs: 1 });
  emulator.approve({ privateEndpointId: networkPath("privateEndpoints", endpointName), status: "Approved" });
  await cosmos.cassandraDataCenters.beginCreateUpdateAndWait(TEST_RESOURCE_GROUP, name, dataCenter, { properties: {
    dataCenterLocation: LOCATION, delegatedSubnetId: subnetId("dc"), nodeCount, sku: "Standard_E8s_v5", privateEndpointIpAddress: staticIp,
  } }, { updateIntervalInMs: 1 });
}
