// The api-version matters: one Azure does not offer is refused as ARM / Key Vault refuse it; where two vendored
// versions differ, the exchange follows the one asked for; a version with no vendored spec is validated against
// the nearest one and logged as such (offeredApiVersions.json, servedSpecs.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { closeConforming, clusterPath, createNetwork, createVpnCluster, networkPath, rawRequest, startQuietEmulator } from "./support.js";
import { TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION, bearer } from "../../support/testIds.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQuietEmulator();
  await createNetwork(emulator);
  await createVpnCluster(emulator, "versions");
});
afterAll(() => closeConforming(emulator));

const lastEntry = () => emulator.requests().requests.at(-1);
const at = (path: string, version: string) => `${path}?api-version=${version}`;

describe("an api-version Azure does not offer", () => {
  it("is refused for a resource provider's type with ARM's NoRegisteredProviderFound", async () => {
    const cluster = await rawRequest(emulator, "GET", at(clusterPath("versions"), "2019-01-01"), { headers: bearer });
    expect(cluster.status).toBe(400);
    expect(cluster.body.error.code).toBe("NoRegisteredProviderFound");
    expect(cluster.body.error.message).toMatch(/^No registered resource provider found for location 'eastus2' and API version '2019-01-01' for type 'cassandraClusters'\. The supported api-versions are '2021-03-01-preview, .*2025-10-15, .*'\.$/);
    expect(lastEntry()).toMatchObject({ valid: false, errors: [cluster.body.error.message] });
    // Private endpoints came in 2019-04-01: a version the other Network types have is not offered for them.
    const endpoint = await rawRequest(emulator, "GET", at(networkPath("privateEndpoints", "pe1"), "2018-12-01"), { headers: bearer });
    expect(endpoint.body.error.message).toContain("for type 'privateEndpoints'");
    const dataCenter = await rawRequest(emulator, "GET", at(`${clusterPath("versions")}/dataCenters/dc1`, "2021-06-15"), { headers: bearer });
    expect(dataCenter.body.error.message).toContain("for type 'cassandraClusters/dataCenters'");
  });

  it("is refused for Microsoft.Resources with InvalidApiVersionParameter, newest first", async () => {
    const response = await rawRequest(emulator, "GET", at(`/subscriptions/${TEST_SUBSCRIPTION}/resourcegroups/${TEST_RESOURCE_GROUP}`, "2023-02-01"), { headers: bearer });
    expect(response).toMatchObject({ status: 400, body: { error: { code: "InvalidApiVersionParameter" } } });
    expect(response.body.error.message).toMatch(/^The api-version '2023-02-01' is invalid\. The supported versions are '2025-04-01,2024-11-01,2024-08-01,.*,2014-02-26,2014-04'\.$/);
  });

  it("is refused by Key Vault with BadParameter naming the latest version", async () => {
    const response = await rawRequest(emulator, "GET", "/secrets/s1?api-version=7.9", { headers: bearer });
    expect(response).toMatchObject({ status: 400, body: { error: { code: "BadParameter",
      message: "The specified version (7.9) is not recognized. Consider using the latest supported version (2026-04-01)." } } });
  });
});

describe("two vendored versions that differ (Key Vault certificates 7.5 and 2025-07-01)", () => {
  const policy = (sans: Record<string, string[]>) => ({ policy: { key_props: { kty: "EC", crv: "P-256", exportable: true },
    secret_props: { contentType: "application/x-pem-file" }, x509_props: { subject: "CN=versions", sans }, issuer: { name: "Self" } } });
  const sansOf = async (name: string, version: string) =>
    (await rawRequest(emulator, "GET", `/certificates/${name}/policy?api-version=${version}`, { headers: bearer })).body.x509_props.sans;

  it("answers each by the version asked for: 7.5 has no IP address SANs, 2025-07-01 does", async () => {
    const created = await rawRequest(emulator, "POST", "/certificates/with-ip/create?api-version=2025-07-01", { headers: bearer,
      body: policy({ dns_names: ["a.example"], ipAddresses: ["10.0.0.1"] }) });
    expect(created.status).toBe(202);
    expect(await sansOf("with-ip", "2025-07-01")).toEqual({ dns_names: ["a.example"], ipAddresses: ["10.0.0.1"] });
    expect(lastEntry()).toMatchObject({ specVersion: "2025-07-01", versionMatch: "exact" });
    expect(await sansOf("with-ip", "7.5")).toEqual({ dns_names: ["a.example"] });
    expect(lastEntry()).toMatchObject({ valid: true, specVersion: "7.5", versionMatch: "exact" });
  });

  it("reads a 7.5 request as 7.5 defines it: a property only 2025-07-01 has is not taken", async () => {
    await rawRequest(emulator, "POST", "/certificates/ip-ignored/create?api-version=7.5", { headers: bearer,
      body: policy({ dns_names: ["b.example"], ipAddresses: ["10.0.0.2"] }) });
    expect(await sansOf("ip-ignored", "2025-07-01")).toEqual({ dns_names: ["b.example"] });
  });
});

describe("an offered version with no vendored spec", () => {
  it("is validated against the nearest vendored version and logged as nearest, apart from exact ones", async () => {
    const before = emulator.requests().summary.nearest;
    await rawRequest(emulator, "GET", at(networkPath("virtualNetworks", "vnet1"), "2025-05-01"), { headers: bearer });
    expect(lastEntry()).toMatchObject({ valid: true, specVersion: "2024-01-01", versionMatch: "nearest" });
    await rawRequest(emulator, "GET", at(clusterPath("versions"), "2025-04-15"), { headers: bearer });
    expect(lastEntry()).toMatchObject({ valid: true, specVersion: "2025-10-15", versionMatch: "nearest" });
    await rawRequest(emulator, "GET", at(clusterPath("versions"), "2024-05-15"), { headers: bearer });
    expect(lastEntry()).toMatchObject({ valid: true, specVersion: "2024-05-15", versionMatch: "exact" });
    await rawRequest(emulator, "GET", "/keys/k1?api-version=2025-07-01", { headers: bearer });
    expect(lastEntry()).toMatchObject({ specVersion: "7.5", versionMatch: "nearest" });
    expect(emulator.requests().summary.nearest).toBe(before + 3);
  });
});
