// What a standard tool asks before anything else: the cloud's metadata (no token yet), then the tenants and
// subscriptions the signed-in principal sees (subscriptions.json 2022-12-01).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { closeConforming, rawRequest, startQuietEmulator } from "./support.js";
import { TEST_SUBSCRIPTION, bearer } from "../../support/testIds.js";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQuietEmulator();
});
afterAll(() => closeConforming(emulator));

const lastEntry = () => emulator.requests().requests.at(-1);

describe("cloud metadata", () => {
  it("answers api-version 2022-09-01 without a token with one cloud whose resourceManager is the emulator", async () => {
    const response = await rawRequest(emulator, "GET", "/metadata/endpoints?api-version=2022-09-01");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: "AzureCloud",
      resourceManager: `${emulator.armEndpoint}/`,
      authentication: { loginEndpoint: "https://login.microsoftonline.com", audiences: ["https://management.core.windows.net/", "https://management.azure.com/"] },
      suffixes: { keyVaultDns: "vault.azure.net", storage: "core.windows.net" },
    });
    expect(lastEntry()).toMatchObject({ service: "arm", valid: true });
  });

  it("answers 2019-05-01 with the list of clouds and 2015-01-01 with the older document", async () => {
    const list = await rawRequest(emulator, "GET", "/metadata/endpoints?api-version=2019-05-01");
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ name: "AzureCloud", resourceManager: `${emulator.armEndpoint}/` });
    const legacy = await rawRequest(emulator, "GET", "/metadata/endpoints?api-version=2015-01-01");
    expect(legacy.body).toMatchObject({ galleryEndpoint: "https://gallery.azure.com/", authentication: { loginEndpoint: "https://login.microsoftonline.com/" } });
  });
});

describe("tenants and subscriptions", () => {
  it("lists the emulator's tenant and every subscription that holds a resource group", async () => {
    const tenants = await rawRequest(emulator, "GET", "/tenants?api-version=2022-12-01", { headers: bearer });
    expect(tenants.body.value).toEqual([expect.objectContaining({ id: `/tenants/${TENANT}`, tenantId: TENANT, tenantCategory: "Home" })]);
    const subscriptions = await rawRequest(emulator, "GET", "/subscriptions?api-version=2022-12-01", { headers: bearer });
    expect(subscriptions.status).toBe(200);
    expect(subscriptions.body.value).toEqual([expect.objectContaining({ id: `/subscriptions/${TEST_SUBSCRIPTION}`, subscriptionId: TEST_SUBSCRIPTION,
      tenantId: TENANT, state: "Enabled" })]);
    expect(lastEntry()).toMatchObject({ valid: true, operation: "/subscriptions" });
  });

  it("reads one subscription, and answers SubscriptionNotFound for another", async () => {
    const one = await rawRequest(emulator, "GET", `/subscriptions/${TEST_SUBSCRIPTION}?api-version=2022-12-01`, { headers: bearer });
    expect(one.body).toMatchObject({ subscriptionId: TEST_SUBSCRIPTION, displayName: expect.any(String), subscriptionPolicies: { spendingLimit: "Off" } });
    const other = "11111111-2222-4333-8444-555555555555";
    const missing = await rawRequest(emulator, "GET", `/subscriptions/${other}?api-version=2022-12-01`, { headers: bearer });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "SubscriptionNotFound", message: `The subscription '${other}' could not be found.` } } });
  });

  it("needs a bearer token, like every ARM call but the metadata", async () => {
    expect((await rawRequest(emulator, "GET", "/subscriptions?api-version=2022-12-01")).status).toBe(401);
  });
});
