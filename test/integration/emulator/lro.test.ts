// The LRO protocol on a virtual clock (reference §3): headers per verb, InProgress until lroDelayMs has passed,
// and 409 for any write to a cluster while one of its operations runs (§1.4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { bearer, LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";
import { armClients, closeConforming, clusterPath, COSMOS_API, NETWORK_API, rawRequest, startQuietEmulator } from "./support.js";

const LRO_DELAY_MS = 500;
let clock = Date.UTC(2026, 10, 23, 12);
let emulator: Emulator;
let clients: ReturnType<typeof armClients>;
beforeAll(async () => {
  emulator = await startQuietEmulator({ now: () => clock, lroDelayMs: LRO_DELAY_MS });
  clients = armClients(emulator);
});
afterAll(() => closeConforming(emulator));

const cosmos = (path: string) => `${path}?api-version=${COSMOS_API}`;
const statusOf = async (url: string) => (await rawRequest(emulator, "GET", url, { headers: bearer })).body;

describe("LRO protocol", () => {
  it("answers a cluster PUT with 201 + Azure-AsyncOperation and stays InProgress until the clock passes lroDelayMs", async () => {
    const put = await rawRequest(emulator, "PUT", cosmos(clusterPath("slow")), { headers: bearer, body: { location: LOCATION, properties: { azureConnectionMethod: "VPN" } } });
    expect(put.status).toBe(201);
    expect(put.body.properties.provisioningState).toBe("Creating");
    expect(put.headers.location).toBeUndefined();
    const statusUrl = String(put.headers["azure-asyncoperation"]);
    expect(statusUrl).toMatch(new RegExp(`^${emulator.armEndpoint}/subscriptions/${TEST_SUBSCRIPTION}/providers/Microsoft\\.DocumentDB/locations/eastus2/operationsStatus/[0-9a-f-]{36}\\?api-version=${COSMOS_API}$`));
    expect((await statusOf(statusUrl)).status).toBe("InProgress");
    clock += LRO_DELAY_MS - 1;
    expect((await statusOf(statusUrl)).status).toBe("InProgress");
    clock += 1;
    expect((await statusOf(statusUrl)).status).toBe("Succeeded");
    expect((await statusOf(cosmos(clusterPath("slow")))).properties.provisioningState).toBe("Succeeded");
  });

  it("answers PATCH with 202 and no Location, DELETE with 202 and both headers, and DELETE of nothing with 204", async () => {
    const patch = await rawRequest(emulator, "PATCH", cosmos(clusterPath("slow")), { headers: bearer, body: { properties: { repairEnabled: true } } });
    expect(patch.status).toBe(202);
    expect(patch.headers["azure-asyncoperation"]).toBeDefined();
    expect(patch.headers.location).toBeUndefined();
    clock += LRO_DELAY_MS;
    const del = await rawRequest(emulator, "DELETE", cosmos(clusterPath("slow")), { headers: bearer });
    expect(del.status).toBe(202);
    expect(del.headers.location).toBe(del.headers["azure-asyncoperation"]);
    expect((await statusOf(cosmos(clusterPath("slow")))).properties.provisioningState).toBe("Deleting");
    clock += LRO_DELAY_MS;
    expect((await rawRequest(emulator, "GET", cosmos(clusterPath("slow")), { headers: bearer })).status).toBe(404);
    expect((await rawRequest(emulator, "DELETE", cosmos(clusterPath("slow")), { headers: bearer })).status).toBe(204);
  });

  it("rejects writes to a cluster and its data centers with 409 while an operation runs; the poller then completes", async () => {
    const poller = await clients.cosmos.cassandraClusters.beginCreateUpdate(TEST_RESOURCE_GROUP, "busy",
      { location: LOCATION, properties: { azureConnectionMethod: "None" } }, { updateIntervalInMs: 1 });
    expect(poller.getOperationState().status).toBe("running");
    await expect(clients.cosmos.cassandraClusters.beginUpdate(TEST_RESOURCE_GROUP, "busy", { properties: { repairEnabled: false } }))
      .rejects.toMatchObject({ statusCode: 409, code: "Conflict" });
    await expect(clients.cosmos.cassandraDataCenters.beginCreateUpdate(TEST_RESOURCE_GROUP, "busy", "dc1", { properties: { nodeCount: 3 } }))
      .rejects.toMatchObject({ statusCode: 409 });
    await expect(clients.cosmos.cassandraClusters.beginDelete(TEST_RESOURCE_GROUP, "busy")).rejects.toMatchObject({ statusCode: 409 });
    clock += LRO_DELAY_MS;
    const cluster = await poller.pollUntilDone();
    expect(cluster.properties?.provisioningState).toBe("Succeeded");
    await clients.cosmos.cassandraClusters.beginUpdate(TEST_RESOURCE_GROUP, "busy", { properties: { repairEnabled: false } });
  });

  it("polls Network deletes through Azure-AsyncOperation on operations/ and Location on operationResults/", async () => {
    const path = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/privateEndpoints/pe-gone?api-version=${NETWORK_API}`;
    expect((await rawRequest(emulator, "DELETE", path, { headers: bearer })).status).toBe(204);
    const vnet = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet2?api-version=${NETWORK_API}`;
    const put = await rawRequest(emulator, "PUT", vnet, { headers: bearer,
      body: { location: LOCATION, properties: { addressSpace: { addressPrefixes: ["10.1.0.0/16"] } } } });
    expect(put.status).toBe(201);
    expect(String(put.headers["azure-asyncoperation"])).toMatch(/\/providers\/Microsoft\.Network\/locations\/eastus2\/operations\/[0-9a-f-]{36}\?api-version=2025-05-01$/);
    const results = String(put.headers["azure-asyncoperation"]).replace("/operations/", "/operationResults/");
    expect((await rawRequest(emulator, "GET", results, { headers: bearer })).status).toBe(202);
    clock += LRO_DELAY_MS;
    expect((await rawRequest(emulator, "GET", results, { headers: bearer })).status).toBe(204);
    expect((await statusOf(String(put.headers["azure-asyncoperation"])))).toEqual({ status: "Succeeded" });
  });

  it("answers 404 for an unknown operation id", async () => {
    const url = `/subscriptions/${TEST_SUBSCRIPTION}/providers/Microsoft.DocumentDB/locations/eastus2/operationsStatus/00000000-0000-0000-0000-000000000000?api-version=${COSMOS_API}`;
    expect((await rawRequest(emulator, "GET", url, { headers: bearer })).status).toBe(404);
  });
});

describe("Retry-After on slow operations", () => {
  it("asks the SDK to poll each second only when operations take a second or more (reference §3.2)", async () => {
    const frozen = Date.UTC(2026, 10, 23);
    const slow = await startQuietEmulator({ now: () => frozen, lroDelayMs: 1000 });
    try {
      const put = await rawRequest(slow, "PUT", `${clusterPath("snail")}?api-version=${COSMOS_API}`, { headers: bearer, body: { location: LOCATION, properties: {} } });
      expect(put.headers["retry-after"]).toBe("1");
      const poll = await rawRequest(slow, "GET", String(put.headers["azure-asyncoperation"]), { headers: bearer });
      expect(poll.body.status).toBe("InProgress");
      expect(poll.headers["retry-after"]).toBe("1");
    } finally {
      await slow.close();
    }
    const fast = await rawRequest(emulator, "PUT", `${clusterPath("hare")}?api-version=${COSMOS_API}`, { headers: bearer, body: { location: LOCATION, properties: {} } });
    expect(fast.headers["retry-after"]).toBeUndefined();
  });
});
