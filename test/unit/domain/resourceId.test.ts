import { describe, expect, it } from "vitest";
import { parseResourceId, parseSubnetId, sameResourceId, subnetId } from "../../../src/domain/resourceId.js";
import { CONFIG_SUBSCRIPTION } from "../../support/testIds.js";

const sub = CONFIG_SUBSCRIPTION;
const id = `/subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/pe`;

describe("resource ids", () => {
  it("parses and rebuilds a subnet id", () => {
    const ref = parseSubnetId(id);
    expect(ref).toEqual({ subscriptionId: sub, resourceGroup: "net-rg", virtualNetwork: "vnet1", subnet: "pe" });
    expect(subnetId(ref!)).toBe(id);
  });

  it("matches provider and type names case-insensitively, as ARM does", () => {
    expect(parseSubnetId(id.replace("Microsoft.Network", "microsoft.network").replace("resourceGroups", "resourcegroups"))).toBeDefined();
  });

  it.each([
    id.replace(sub, "not-a-guid"),
    id + "/extra",
    id.replace("/subnets/pe", ""),
    `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.DocumentDB/cassandraClusters/c1`,
    "",
  ])("rejects %j as a subnet id", (text) => expect(parseSubnetId(text)).toBeUndefined());

  it("parses a top-level resource id", () => {
    const nic = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/pe.nic.1`;
    expect(parseResourceId(nic)).toEqual({ subscriptionId: sub, resourceGroup: "rg", provider: "Microsoft.Network", type: "networkInterfaces", name: "pe.nic.1" });
    expect(parseResourceId(id)).toBeUndefined();
  });

  it("compares ids case-insensitively and never equates missing ids", () => {
    expect(sameResourceId(id, id.toUpperCase())).toBe(true);
    expect(sameResourceId(undefined, undefined)).toBe(false);
  });
});
