import { describe, expect, it } from "vitest";
import { createRouter } from "../../../local/emulator/core/router.js";

const router = createRouter([
  { method: "GET", path: "/certificates/{name}/{version}", value: "version" },
  { method: "GET", path: "/certificates/{name}/pending", value: "pending" },
  { method: "GET", path: "/certificates/{name}", value: "latest" },
  { method: "PUT", path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}", value: "rg" },
]);

describe("path template router", () => {
  it("prefers literal segments over parameters", () => {
    expect(router.match("GET", "/certificates/c1/pending")?.value).toBe("pending");
    expect(router.match("GET", "/certificates/c1/abc123")).toMatchObject({ value: "version", params: { name: "c1", version: "abc123" } });
  });

  it("matches an empty last parameter only when asked (Key Vault's trailing slash)", () => {
    expect(router.match("GET", "/certificates/c1/")).toBeUndefined();
    expect(router.match("GET", "/certificates/c1/", { allowEmptyLastParam: true })).toMatchObject({ value: "version", params: { version: "" } });
  });

  it("matches literals case-insensitively and decodes parameters", () => {
    expect(router.match("PUT", "/SUBSCRIPTIONS/s%201/resourcegroups/rg")).toMatchObject({ value: "rg", params: { subscriptionId: "s 1", resourceGroupName: "rg" } });
  });

  it("tells a path under another method from an unknown path", () => {
    expect(router.match("DELETE", "/certificates/c1")).toBeUndefined();
    expect(router.hasPath("/certificates/c1")).toBe(true);
    expect(router.hasPath("/keys/k1")).toBe(false);
  });
});
