// The permissions table reads requests the way ARM and Key Vault authorize them: one row per request shape,
// literal segments before placeholders, and signing only with a CA key.
import { describe, expect, it } from "vitest";
import { grantsByScope, permissions } from "../../../src/adapters/permissions.js";
import { matchPermission } from "../../support/audit/matchPermission.js";

const match = (method: string, path: string) => matchPermission(permissions, method, path)?.operation;

describe("permissions table", () => {
  it("tells a pending certificate and its versions list from a version", () => {
    expect(match("GET", "/certificates/c1-ca/pending")).toBe("read a pending certificate (its CSR)");
    expect(match("GET", "/certificates/c1-ca/versions")).toBe("list a certificate's versions");
    expect(match("GET", "/certificates/c1-ca/0123abcd")).toBe("read a certificate version");
    expect(match("GET", "/certificates/c1-ca/")).toBe("read a certificate's latest version");
  });

  it("maps a sign with a CA key and refuses one with a client certificate's key", () => {
    expect(match("POST", "/keys/c1-ca/0123abcd/sign")).toContain("sign a CSR");
    expect(match("POST", "/keys/c1-client-app/0123abcd/sign")).toBeUndefined();
    expect(match("POST", "/keys/c1-client-x-ca/0123abcd/sign")).toBeUndefined();
  });

  it("compares ARM paths case-insensitively and leaves unknown requests unmapped", () => {
    const id = "/subscriptions/s/resourcegroups/rg/providers/microsoft.documentdb/cassandraclusters/c1";
    expect(match("GET", id)).toBe("read a cluster");
    expect(match("POST", `${id}/deallocate`)).toBeUndefined();
    expect(match("PUT", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v")).toBeUndefined();
  });

  it("has one row per request shape", () => {
    const shapes = permissions.map((p) => `${p.method} ${p.path.toLowerCase()}`);
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it("grants no wildcard and no approval action", () => {
    const all = Object.values(grantsByScope()).flat();
    expect(all.filter((a) => a.includes("*") || /approval/i.test(a))).toEqual([]);
  });
});
