// Resource groups as ARM has them (resources.json ResourceGroups_*): they exist before the resources in them, a
// resource in a missing group is answered 404 ResourceGroupNotFound, and deleting a group deletes what it holds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { armClients, closeConforming, COSMOS_API, NETWORK_API, rawRequest, startQuietEmulator } from "./support.js";
import { LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION, bearer } from "../../support/testIds.js";

const RESOURCES_API = "2025-04-01";
const LRO_DELAY_MS = 10_000;
let clock = Date.parse("2026-12-01T00:00:00Z");
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQuietEmulator({ now: () => clock });
});
afterAll(() => closeConforming(emulator));

const group = (name: string) => `/subscriptions/${TEST_SUBSCRIPTION}/resourcegroups/${name}?api-version=${RESOURCES_API}`;
const lastEntry = () => emulator.requests().requests.at(-1);

describe("resource groups", () => {
  it("are created with PUT (201, then 200), read with GET and listed, shaped like ResourceGroup", async () => {
    const created = await rawRequest(emulator, "PUT", group("app-rg"), { headers: bearer, body: { location: "East US 2", tags: { team: "data" } } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/app-rg`, name: "app-rg", type: "Microsoft.Resources/resourceGroups",
      location: "eastus2", tags: { team: "data" }, properties: { provisioningState: "Succeeded" } });
    expect(lastEntry()).toMatchObject({ valid: true, operation: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}" });
    expect((await rawRequest(emulator, "PUT", group("app-rg"), { headers: bearer, body: { location: "eastus2" } })).status).toBe(200);
    const read = await rawRequest(emulator, "GET", group("APP-RG"), { headers: bearer });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe("app-rg");
    const list = await rawRequest(emulator, "GET", `/subscriptions/${TEST_SUBSCRIPTION}/resourcegroups?api-version=${RESOURCES_API}`, { headers: bearer });
    expect(list.body.value.map((g: { name: string }) => g.name).sort()).toEqual(["app-rg", TEST_RESOURCE_GROUP]);
  });

  it("answer a missing group, or a PUT without location, the way ARM does", async () => {
    const missing = await rawRequest(emulator, "GET", group("nowhere-rg"), { headers: bearer });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "ResourceGroupNotFound", message: "Resource group 'nowhere-rg' could not be found." } } });
    const noLocation = await rawRequest(emulator, "PUT", group("x-rg"), { headers: bearer, body: { tags: {} } });
    expect(noLocation).toMatchObject({ status: 400, body: { error: { code: "LocationRequired" } } });
    expect(lastEntry()?.valid).toBe(false);
  });
});

describe("a resource in a group that does not exist", () => {
  it("is answered 404 ResourceGroupNotFound, for a write and for a read, through the real SDK", async () => {
    const { cosmos, network } = armClients(emulator);
    await expect(network.virtualNetworks.beginCreateOrUpdateAndWait("nowhere-rg", "vnet1", { location: LOCATION, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }))
      .rejects.toMatchObject({ statusCode: 404, code: "ResourceGroupNotFound", message: "Resource group 'nowhere-rg' could not be found." });
    await expect(cosmos.cassandraClusters.get("nowhere-rg", "c1")).rejects.toMatchObject({ statusCode: 404, code: "ResourceGroupNotFound" });
    // A well-formed request: ARM refuses it for its scope, not for its shape.
    expect(lastEntry()).toMatchObject({ valid: true, status: 404 });
  });
});

describe("deleting a group", () => {
  it("answers 202 with a Location that polls 202 until done, refuses writes meanwhile, then removes everything in it", async () => {
    const slow = await startQuietEmulator({ now: () => clock, lroDelayMs: LRO_DELAY_MS });
    const arm = (path: string, api: string) => `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/${path}?api-version=${api}`;
    try {
      expect((await rawRequest(slow, "PUT", arm("Microsoft.Network/virtualNetworks/vnet1", NETWORK_API), { headers: bearer,
        body: { location: LOCATION, properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } } } })).status).toBe(201);
      expect((await rawRequest(slow, "PUT", arm("Microsoft.DocumentDB/cassandraClusters/doomed", COSMOS_API), { headers: bearer,
        body: { location: LOCATION, properties: { azureConnectionMethod: "VPN", initialCassandraAdminPassword: "s3cret-Passw0rd",
          delegatedManagementSubnetId: `${arm("Microsoft.Network/virtualNetworks/vnet1", NETWORK_API).split("?")[0]}/subnets/mgmt` } } })).status).toBe(201);
      clock += LRO_DELAY_MS;
      expect(slow.resources().map((r) => r.name).sort()).toEqual([TEST_RESOURCE_GROUP, "doomed", "vnet1"]);
      const deleted = await rawRequest(slow, "DELETE", group(TEST_RESOURCE_GROUP), { headers: bearer });
      expect(deleted.status).toBe(202);
      const location = String(deleted.headers.location);
      expect(location).toMatch(new RegExp(`/subscriptions/${TEST_SUBSCRIPTION}/operationresults/[0-9a-f-]{36}\\?api-version=${RESOURCES_API}$`));
      expect((await rawRequest(slow, "GET", location, { headers: bearer })).status).toBe(202);
      expect((await rawRequest(slow, "GET", group(TEST_RESOURCE_GROUP), { headers: bearer })).body.properties.provisioningState).toBe("Deleting");
      const vnet = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/v2?api-version=${NETWORK_API}`;
      const write = await rawRequest(slow, "PUT", vnet, { headers: bearer, body: { location: LOCATION, properties: { addressSpace: { addressPrefixes: ["10.9.0.0/16"] } } } });
      expect(write).toMatchObject({ status: 409, body: { error: { code: "ResourceGroupBeingDeleted" } } });

      clock += LRO_DELAY_MS;
      expect((await rawRequest(slow, "GET", location, { headers: bearer })).status).toBe(200);
      expect((await rawRequest(slow, "GET", group(TEST_RESOURCE_GROUP), { headers: bearer })).status).toBe(404);
      expect(slow.resources()).toEqual([]);
    } finally {
      await closeConforming(slow);
    }
  });
});

describe("seeded groups", () => {
  it("exist from the start and survive a restart on the same state directory", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "emulator-groups-"));
    const seed = { subscriptionId: TEST_SUBSCRIPTION, name: "seeded-rg", location: "westeurope" };
    try {
      const first = await startQuietEmulator({ stateDir, resourceGroups: [seed] });
      expect((await rawRequest(first, "GET", group("seeded-rg"), { headers: bearer })).body.location).toBe("westeurope");
      await first.close();
      const second = await startQuietEmulator({ stateDir, resourceGroups: [] });
      expect((await rawRequest(second, "GET", group("seeded-rg"), { headers: bearer })).status).toBe(200);
      await second.close();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
