// The naming rules every route and trigger checks at the edge (src/domain/azureNames.ts), the instance ids derived only
// from names that pass them (src/domain/ids.ts), and the escaping of outside text for log lines.
import { describe, expect, it } from "vitest";
import { cassandraName, ClusterAddress, clientName, instanceId, keyVaultName, printable, resourceGroupName } from "../../../src/domain/azureNames.js";
import { approvalInstanceId, legacyInstanceId, provisioningInstanceId, rotationInstanceId } from "../../../src/domain/ids.js";

const sub = "00000000-0000-4000-8000-000000000001";
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe("names as Azure accepts them", () => {
  it.each(["a", "cass-demo", "A1-b2-C3", "x".repeat(100)])("cluster and datacenter name %s passes", (name) => expect(ok(cassandraName, name)).toBe(true));
  it.each(["", "-a", "a-", "a--b", "a_b", "a.b", "a/b", "..", "a%2Fb", "x".repeat(101), "café", "a\r\nb", "a\u0000b"])(
    "cluster and datacenter name %j is refused",
    (name) => expect(ok(cassandraName, name)).toBe(false),
  );
  it.each(["rg", "Rg_1", "rg.(x)-y", "(rg)", "r".repeat(90)])("resource group %s passes", (name) => expect(ok(resourceGroupName, name)).toBe(true));
  it.each(["", "rg.", ".", "..", "a/b", "a b", "r".repeat(91), "a\tb", "ré"])("resource group %j is refused",
    (name) => expect(ok(resourceGroupName, name)).toBe(false));
  it("client and Key Vault names", () => {
    expect(["app", "a", "etl-2", "a".repeat(32)].every((n) => ok(clientName, n))).toBe(true);
    expect(["App", "-a", "a-", "a".repeat(33), "a_b", ""].some((n) => ok(clientName, n))).toBe(false);
    expect(ok(keyVaultName, "cass-demo-client-app")).toBe(true);
    expect(["a/b", "a.b", "", "n".repeat(128)].some((n) => ok(keyVaultName, n))).toBe(false);
  });
  it("instance ids: the app's forms pass, anything that is not one URL segment as it is does not", () => {
    for (const id of [provisioningInstanceId({ subscriptionId: sub, resourceGroup: "Rg.(1)", clusterName: "c" }),
      legacyInstanceId("rotate", { subscriptionId: sub, resourceGroup: "rg", clusterName: "c" })])
    {
      expect(ok(instanceId, id), id).toBe(true);
    }
    for (const id of ["", "a/b", "..", ".x", "a?b", "a#b", "a%2Fb", "A", "a\nb", "a b", "x".repeat(257)]) expect(ok(instanceId, id), id).toBe(false);
  });
  it("route parameters are checked as one strict object naming each field", () => {
    const parsed = ClusterAddress.safeParse({ resourceGroup: "rg.", clusterName: "a/../b" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["resourceGroup", "clusterName"]);
  });
});

describe("instance ids are derived only from valid names", () => {
  it.each(["a/../b", "..", "a?x", "a%2Fb", "a\r\nb", "a b", "é"])("refuses to derive one from %j", (name) => {
    expect(() => rotationInstanceId({ subscriptionId: sub, resourceGroup: "rg", clusterName: name })).toThrow(/naming rules/);
    expect(() => provisioningInstanceId({ subscriptionId: sub, resourceGroup: name, clusterName: "c" })).toThrow(/naming rules/);
    expect(() => approvalInstanceId(sub, "rg", name)).toThrow(/naming rules/);
    expect(() => legacyInstanceId("provision", { subscriptionId: sub, resourceGroup: name, clusterName: "c" })).toThrow(/naming rules/);
  });
});

describe("printable", () => {
  it("escapes line breaks, controls and separators, and caps the length", () => {
    expect(printable("a\r\n[Error] forged\u2028\u0000b")).toBe("a\\u000d\\u000a[Error] forged\\u2028\\u0000b");
    expect(printable("x".repeat(300), 10)).toBe(`${"x".repeat(10)}…`);
  });
});
