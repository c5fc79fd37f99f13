// The 409 ARM answers to a write on a cluster whose operation still runs, through the real SDK clients against an
// emulator whose operations take a minute of its (injected) clock: the adapter maps it to a conflict.
import { describe, expect, it } from "vitest";
import type { ClusterRef } from "../../../src/domain/ids.js";
import { startAdapterWorld } from "../../support/adapterWorld.js";
import { LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";

const cluster: ClusterRef = { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, clusterName: "cass-vpn" };
const vnet = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet1`;
const dcSubnet = `${vnet}/subnets/dc`;

describe("writes while an operation runs", () => {
  it("maps the 409 of a busy cluster to a conflict", async () => {
    let now = Date.parse("2026-11-23T10:00:00Z");
    const slow = await startAdapterWorld({ lroDelayMs: 60_000, now: () => now });
    try {
      await slow.adapters.clusters.beginCreate({
        ...cluster, location: LOCATION, cassandraVersion: "4.0", delegatedManagementSubnetId: dcSubnet, initialAdminPassword: "Adm1n-pass-w0rd", tags: {},
      });
      expect((await slow.adapters.clusters.get(cluster))?.provisioningState).toBe("Creating");
      await expect(slow.adapters.clusters.beginSetClientCertificates(cluster, [])).rejects.toMatchObject({ kind: "conflict", statusCode: 409 });
      now += 60_000;
      expect((await slow.adapters.clusters.get(cluster))?.provisioningState).toBe("Succeeded");
    } finally {
      await slow.dispose();
    }
  });
});
