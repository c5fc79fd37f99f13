// Requests the SDKs would not send: the emulator rejects them the way the services do and counts them invalid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { bearer, LOCATION, TEST_STATIC_IP } from "../../support/testIds.js";
import {
  closeConforming, clusterPath, COSMOS_API, createNetwork, createVpnCluster, NETWORK_API, networkPath, rawRequest, startQuietEmulator,
} from "./support.js";

let emulator: Emulator;
let subnets: { peSubnetId: string; dcSubnetId: string };
let privateLinkServiceId: string;
beforeAll(async () => {
  emulator = await startQuietEmulator();
  subnets = await createNetwork(emulator);
  privateLinkServiceId = await createVpnCluster(emulator, "strict");
});
afterAll(() => closeConforming(emulator));

const cosmos = (path: string) => `${path}?api-version=${COSMOS_API}`;
const lastEntry = () => emulator.requests().requests.at(-1);

describe("spec validation", () => {
  it("rejects nodeCount sent as a string, names the field, and counts the request invalid", async () => {
    const before = emulator.requests().summary.invalid;
    const response = await rawRequest(emulator, "PUT", cosmos(`${clusterPath("strict")}/dataCenters/dc1`),
      { headers: bearer, body: { properties: { nodeCount: "3", privateEndpointIpAddress: TEST_STATIC_IP } } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "InvalidRequestContent", message: "properties.nodeCount must be integer" });
    expect(emulator.requests().summary.invalid).toBe(before + 1);
    expect(lastEntry()).toMatchObject({ valid: false, operation: "CassandraDataCenters_CreateUpdate", errors: ["properties.nodeCount must be integer"] });
  });

  it("requires api-version and checks the cluster name pattern", async () => {
    const noVersion = await rawRequest(emulator, "GET", clusterPath("strict"), { headers: bearer });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.code).toBe("MissingApiVersionParameter");
    const badName = await rawRequest(emulator, "PUT", cosmos(clusterPath("bad_name")), { headers: bearer, body: { location: LOCATION, properties: {} } });
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toContain("clusterName");
  });

  it("rejects a body that is not JSON", async () => {
    const response = await rawRequest(emulator, "PUT", cosmos(clusterPath("x1")), { headers: bearer, rawBody: "{nope" });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("InvalidRequestContent");
  });

  it("answers 404 ResourceNotFound for a missing cluster, and 404 for paths no spec knows", async () => {
    const missing = await rawRequest(emulator, "GET", cosmos(clusterPath("absent")), { headers: bearer });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ResourceNotFound");
    const unknown = await rawRequest(emulator, "GET", "/subscriptions/s/providers/Microsoft.Nothing/things?api-version=1", { headers: bearer });
    expect(unknown.status).toBe(404);
    expect(lastEntry()?.valid).toBe(false);
  });

  it("requires privateEndpointIpAddress for a VPN cluster's data center", async () => {
    const response = await rawRequest(emulator, "PUT", cosmos(`${clusterPath("strict")}/dataCenters/dc1`),
      { headers: bearer, body: { properties: { dataCenterLocation: LOCATION, delegatedSubnetId: subnets.dcSubnetId, nodeCount: 3 } } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("privateEndpointIpAddress");
  });
});

describe("authentication", () => {
  it("answers an ARM request without a bearer token with 401", async () => {
    const response = await rawRequest(emulator, "GET", cosmos(clusterPath("strict")));
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("AuthenticationFailed");
  });

  it("challenges Key Vault before looking at the body (which the SDK strips on its first request)", async () => {
    const response = await rawRequest(emulator, "POST", "/certificates/c1/create?api%2Dversion=2025-07-01", { rawBody: "not json at all" });
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toBe(
      'Bearer authorization="https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net"');
    expect(response.body).toEqual({ error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } });
    // Still validated (path and query: the body is withheld by the challenge protocol), so the log has no gaps.
    expect(lastEntry()).toMatchObject({ service: "keyvault", valid: true, operation: "CreateCertificate", note: "unauthenticated" });
  });

  it("answers an authenticated but invalid Key Vault body with BadParameter", async () => {
    const response = await rawRequest(emulator, "POST", "/certificates/c1/create?api%2Dversion=2025-07-01",
      { headers: bearer, body: { policy: { x509_props: { subject: 5 } } } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "BadParameter", message: "policy.x509_props.subject must be string" });
  });
});

describe("private endpoint static IP rules (reference §4.2)", () => {
  const put = (name: string, ip: string, extra: Record<string, unknown> = {}) =>
    rawRequest(emulator, "PUT", `${networkPath("privateEndpoints", name)}?api-version=${NETWORK_API}`, { headers: bearer, body: {
      location: LOCATION,
      properties: {
        subnet: { id: subnets.peSubnetId, properties: {} },
        manualPrivateLinkServiceConnections: [{ name, properties: { privateLinkServiceId, requestMessage: "m", ...extra } }],
        ipConfigurations: [{ name: "static", properties: { privateIPAddress: ip } }],
      },
    } });

  it.each([
    ["10.0.4.10", "PrivateIPAddressNotInSubnet"],
    ["10.0.3.0", "PrivateIPAddressIsReserved"],
    ["10.0.3.3", "PrivateIPAddressIsReserved"],
    ["10.0.3.255", "PrivateIPAddressIsReserved"],
  ])("rejects %s with %s", async (ip, code) => {
    const response = await put("pe-bad", ip);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
  });

  it("rejects an address another NIC holds, and groupIds towards a private link service", async () => {
    expect((await put("pe-first", "10.0.3.4")).status).toBe(201);
    const taken = await put("pe-second", "10.0.3.4");
    expect(taken.body.error.code).toBe("PrivateIPAddressInUse");
    const grouped = await put("pe-grouped", "10.0.3.5", { groupIds: ["cassandra"] });
    expect(grouped.body.error.code).toBe("PrivateEndpointWithIpConfigurationsCannotHaveGroupIdsOrMemberNames");
  });

  it("rejects a subnet that does not exist", async () => {
    const response = await rawRequest(emulator, "PUT", `${networkPath("privateEndpoints", "pe-x")}?api-version=${NETWORK_API}`, { headers: bearer,
      body: { location: LOCATION, properties: { subnet: { id: `${networkPath("virtualNetworks", "vnet1")}/subnets/none` } } } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("InvalidResourceReference");
  });
});
