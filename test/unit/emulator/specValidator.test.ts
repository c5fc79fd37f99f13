import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SpecValidator } from "../../../local/emulator/specs/validator.js";
import type { EmulatorRequest, HttpMethod } from "../../../local/emulator/types.js";
import { TEST_SUBSCRIPTION } from "../../support/testIds.js";

const validator = new SpecValidator(fileURLToPath(new URL("../../../../shared/specs", import.meta.url)));
const request = (method: HttpMethod, pathAndQuery: string, body?: unknown): EmulatorRequest => {
  const url = new URL(pathAndQuery, "https://127.0.0.1:1");
  return { method, url, path: url.pathname.replace(/(.)\/$/, "$1"), headers: {}, body };
};
const CLUSTER = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.DocumentDB/cassandraClusters/c1`;

describe("spec validator", () => {
  it("accepts what the SDK sends on a GET-then-PUT (provisioningState included)", () => {
    const check = validator.checkRequest(request("PUT", `${CLUSTER}?api-version=2025-10-15`,
      { location: "West US", tags: {}, properties: { provisioningState: "Succeeded", clientCertificates: [{ pem: "A" }], azureConnectionMethod: "VPN" } }));
    expect(check).toMatchObject({ operation: "CassandraClusters_CreateUpdate", source: "spec", problems: [], specVersion: "2025-10-15", versionMatch: "exact" });
  });

  it("reads Key Vault's percent-encoded api-version and maps `/certificates/c1/` to GetCertificate", () => {
    expect(validator.checkRequest(request("GET", "/certificates/c1/?api%2Dversion=2025-07-01"))).toMatchObject({ operation: "GetCertificate", problems: [] });
    expect(validator.checkRequest(request("GET", "/certificates/c1/pending?api%2Dversion=2025-07-01")).operation).toBe("GetCertificateOperation");
    expect(validator.checkRequest(request("GET", "/certificates/c1/")).problems).toEqual([{ where: "query", frontdoor: true, code: "BadParameter",
      message: "The api-version query parameter (?api-version=) is required for all requests." }]);
  });

  it("names the field of an enum violation with its allowed values", () => {
    const check = validator.checkRequest(request("PATCH", `${CLUSTER}?api-version=2025-10-15`, { properties: { azureConnectionMethod: "Vpn" } }));
    expect(check.problems).toEqual([{ where: "body", message: 'properties.azureConnectionMethod must be equal to one of the allowed values: ["None","VPN"]' }]);
  });

  it("checks the LRO status endpoints by hand, including the Network status document", () => {
    const path = "/subscriptions/s/providers/Microsoft.Network/locations/eastus2/operations/abc";
    expect(validator.checkRequest(request("GET", path))).toMatchObject({ source: "hand", problems: [{ where: "query" }] });
    expect(validator.checkResponse("GET", path, 200, { status: "Succeeded" })).toEqual([]);
    expect(validator.checkResponse("GET", path, 200, { status: "Done" })).not.toEqual([]);
  });

  it("checks numeric query parameters as numbers (the SDK sends maxresults as text)", () => {
    const list = (q: string) => validator.checkRequest(request("GET", `/certificates/c1/versions?api%2Dversion=2025-07-01&maxresults=${q}`)).problems;
    expect(list("25")).toEqual([]);
    expect(list("2.5")).toEqual([{ where: "query", message: "query parameter 'maxresults' must be integer" }]);
    expect(list("many")).toEqual([{ where: "query", message: "query parameter 'maxresults' must be integer" }]);
  });

  it("reports paths no spec or hand check covers", () => {
    expect(validator.checkRequest(request("GET", "/subscriptions/s/providers/Microsoft.Nothing/x?api-version=1")).source).toBe("none");
  });
});
