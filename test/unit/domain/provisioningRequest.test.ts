import { describe, expect, it } from "vitest";
import { parseProvisioningRequest } from "../../../src/domain/provisioningRequest.js";
import { CONFIG_SUBSCRIPTION } from "../../support/testIds.js";

const sub = CONFIG_SUBSCRIPTION;
const subnet = (name: string) => `/subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/${name}`;

const validBody = () => ({
  resourceGroup: "cass-rg",
  clusterName: "cass-vpn",
  location: "eastus2",
  adminPasswordSecretName: "cass-admin-password",
  privateEndpoint: { subnetId: subnet("pe"), ipAddress: "10.0.3.10" },
  datacenter: { name: "dc1", delegatedSubnetId: subnet("dc"), nodeCount: 3 },
});

type Body = Record<string, unknown>;
const set = (path: string, value: unknown) => (b: Body) => {
  const keys = path.split(".");
  let at = b as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  if (value === undefined) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = value;
  return b;
};

describe("parseProvisioningRequest", () => {
  it("accepts a minimal body and fills defaults", () => {
    const result = parseProvisioningRequest(validBody());
    expect(result).toMatchObject({ ok: true, value: { cassandraVersion: "4.0", clients: ["app"] } });
  });

  it("accepts every optional field", () => {
    const body = {
      ...validBody(),
      subscriptionId: sub,
      cassandraVersion: "4.1",
      privateEndpoint: { subnetId: subnet("pe"), ipAddress: "10.0.3.10", name: "pe-cass" },
      datacenter: { name: "dc1", location: "westus2", delegatedSubnetId: subnet("dc"), nodeCount: 6, sku: "Standard_E8s_v5" },
      approval: { deadline: "P3D", onTimeout: "keep" },
      clients: ["app", "reporting"],
    };
    expect(parseProvisioningRequest(body).ok).toBe(true);
  });

  it.each([
    ["resourceGroup", set("resourceGroup", undefined)],
    ["resourceGroup", set("resourceGroup", "rg.")],
    ["clusterName", set("clusterName", "cass_vpn")],
    ["clusterName", set("clusterName", "-cass")],
    ["clusterName", set("clusterName", 42)],
    ["location", set("location", "")],
    ["adminPasswordSecretName", set("adminPasswordSecretName", "has space")],
    ["adminPassword", set("adminPassword", "hunter2")],
    ["cassandraVersion", set("cassandraVersion", "latest")],
    ["subscriptionId", set("subscriptionId", "sub-1")],
    ["privateEndpoint", set("privateEndpoint", undefined)],
    ["privateEndpoint.subnetId", set("privateEndpoint.subnetId", "/subscriptions/x/subnets/pe")],
    ["privateEndpoint.ipAddress", set("privateEndpoint.ipAddress", "10.0.3")],
    ["privateEndpoint.ipAddress", set("privateEndpoint.ipAddress", "10.0.3.300")],
    ["privateEndpoint.name", set("privateEndpoint.name", "-pe")],
    ["datacenter.nodeCount", set("datacenter.nodeCount", 2)],
    ["datacenter.nodeCount", set("datacenter.nodeCount", "3")],
    ["datacenter.nodeCount", set("datacenter.nodeCount", 3.5)],
    ["datacenter.delegatedSubnetId", set("datacenter.delegatedSubnetId", subnet("dc") + "/x")],
    ["datacenter.sku", set("datacenter.sku", "E8s")],
    ["datacenter.extra", set("datacenter.extra", 1)],
    ["approval.deadline", set("approval", { deadline: "7 days" })],
    ["approval.deadline", set("approval", { deadline: "P1M" })],
    ["approval.deadline", set("approval", { deadline: "P365D" })],
    ["approval.onTimeout", set("approval", { onTimeout: "wait" })],
    ["clients", set("clients", [])],
    ["clients", set("clients", ["app", "app"])],
    ["clients.0", set("clients", ["App"])],
  ])("names %s", (field, mutate) => {
    const result = parseProvisioningRequest(mutate(validBody()));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field)).toContain(field);
  });

  it("reports every offending field at once", () => {
    const result = parseProvisioningRequest({ clusterName: "ok", datacenter: { nodeCount: 1 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(expect.arrayContaining([
      "resourceGroup", "location", "adminPasswordSecretName", "privateEndpoint", "datacenter.name", "datacenter.nodeCount",
    ]));
    expect(result.problems.find((p) => p.field === "resourceGroup")?.message).toBe("is required");
  });

  it.each([null, "text", [], 7])("rejects a body that is not an object: %j", (body) => {
    expect(parseProvisioningRequest(body)).toMatchObject({ ok: false, problems: [{ field: "(body)" }] });
  });

  it("never echoes a value it rejects", () => {
    const result = parseProvisioningRequest({ ...validBody(), initialCassandraAdminPassword: "hunter2-secret" });
    expect(JSON.stringify(result)).not.toContain("hunter2-secret");
  });
});
