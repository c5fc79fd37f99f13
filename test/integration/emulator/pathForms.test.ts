// Path forms that other Azure clients send (issue 10): the generic resource URL with an empty parent path
// (`…/providers/{ns}//{type}/{name}`, azure-mgmt-resource `resources.get`), the by-id form that starts with `//`
// (`/{resourceId}`, resources.json Resources_GetById), and Key Vault GETs without version or trailing slash.
import { SecretClient } from "@azure/keyvault-secrets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { closeConforming, clusterPath, COSMOS_API, createVpnCluster, rawRequest, startQuietEmulator } from "./support.js";
import { TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION, bearer, testCredential } from "../../support/testIds.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQuietEmulator();
  await createVpnCluster(emulator, "paths");
});
afterAll(() => closeConforming(emulator));

const lastEntry = () => emulator.requests().requests.at(-1);
const cosmos = (path: string) => `${path}?api-version=${COSMOS_API}`;

describe("ARM path forms", () => {
  it("routes a path with an empty segment like the single-slash form", async () => {
    const single = await rawRequest(emulator, "GET", cosmos(clusterPath("paths")), { headers: bearer });
    const generic = await rawRequest(emulator, "GET",
      cosmos(`/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.DocumentDB//cassandraClusters/paths`), { headers: bearer });
    expect(single.status).toBe(200);
    expect(generic.status).toBe(200);
    expect(generic.body).toEqual(single.body);
    expect(lastEntry()).toMatchObject({ valid: true, operation: "CassandraClusters_Get" });
  });

  it("keeps the first segment of a path that starts with // (the by-id form)", async () => {
    const byId = await rawRequest(emulator, "GET", cosmos(`/${clusterPath("paths")}`), { headers: bearer });
    expect(byId.status).toBe(200);
    expect(byId.body.id).toBe(clusterPath("paths"));
    expect(lastEntry()).toMatchObject({ service: "arm", valid: true, operation: "CassandraClusters_Get" });
  });
});

describe("Key Vault GET without a version", () => {
  const KV = "api-version=2025-07-01";
  beforeAll(async () => {
    const secrets = new SecretClient(emulator.keyVaultUrl, testCredential, { disableChallengeResourceVerification: true, tlsOptions: { ca: emulator.caCertPem } });
    await secrets.setSecret("plain", "value-1");
  });

  it("answers GET /secrets/{name} with no trailing slash with the latest version, and counts it valid", async () => {
    const response = await rawRequest(emulator, "GET", `/secrets/plain?${KV}`, { headers: bearer });
    expect(response.status).toBe(200);
    expect(response.body.value).toBe("value-1");
    expect(lastEntry()).toMatchObject({ valid: true, operation: "GetSecret" });
  });

  it("treats /keys/{name} and /certificates/{name} the same way (the spec: version optional, latest returned)", async () => {
    const key = await rawRequest(emulator, "GET", `/keys/absent?${KV}`, { headers: bearer });
    expect(key.status).toBe(404);
    expect(lastEntry()).toMatchObject({ valid: true, operation: "GetKey" });
    const certificate = await rawRequest(emulator, "GET", `/certificates/absent?${KV}`, { headers: bearer });
    expect(certificate.status).toBe(404);
    expect(lastEntry()).toMatchObject({ valid: true, operation: "GetCertificate" });
  });
});
