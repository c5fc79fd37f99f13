// The 409 ARM answers to a write on a cluster whose operation still runs, through the real SDK clients against an
// emulator whose operations take a minute of its (injected) clock: the adapter maps it to a conflict. And a write ARM
// accepted stays accepted when the SDK's own first poll of its operation fails (src/adapters/acceptedWrites.ts).
import { describe, expect, it } from "vitest";
import type { ClusterRef } from "../../../src/domain/ids.js";
import { startAdapterWorld } from "../../support/adapterWorld.js";
import { LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";

const cluster: ClusterRef = { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, clusterName: "cass-vpn" };
const vnet = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet1`;
const dcSubnet = `${vnet}/subnets/dc`;
const spec = { ...cluster, location: LOCATION, cassandraVersion: "4.0", delegatedManagementSubnetId: dcSubnet, initialAdminPassword: "Adm1n-pass-w0rd", tags: {} };
const operationStatus = { method: "GET", pathPattern: "/providers/Microsoft\\.DocumentDB/locations/[^/]+/operationsStatus/" };

describe("writes while an operation runs", () => {
  it("maps the 409 of a busy cluster to a conflict", async () => {
    let now = Date.parse("2026-11-23T10:00:00Z");
    const slow = await startAdapterWorld({ lroDelayMs: 60_000, now: () => now });
    try {
      await slow.adapters.clusters.beginCreate(spec);
      expect((await slow.adapters.clusters.get(cluster))?.provisioningState).toBe("Creating");
      await expect(slow.adapters.clusters.beginSetClientCertificates(cluster, [])).rejects.toMatchObject({ kind: "conflict", statusCode: 409 });
      now += 60_000;
      expect((await slow.adapters.clusters.get(cluster))?.provisioningState).toBe("Succeeded");
    } finally {
      await slow.dispose();
    }
  });

  // 409 (the matrix's cell): a 5xx on the poll takes the same path after the SDK's own retries, which wait real time.
  it.each([409])("counts a write ARM accepted as accepted when the poll of its operation answers %i", async (status) => {
    let now = Date.parse("2026-11-23T10:00:00Z");
    const slow = await startAdapterWorld({ lroDelayMs: 60_000, now: () => now });
    try {
      slow.emulator.addFault({ match: operationStatus, response: { status, body: { error: { code: "Injected", message: "injected" } } } });
      await slow.adapters.clusters.beginCreate(spec);
      expect((await slow.adapters.clusters.get(cluster))?.provisioningState).toBe("Creating");
      now += 60_000;
      await slow.adapters.clusters.beginSetClientCertificates(cluster, []);
      const polls = slow.emulator.requests().requests.filter((r) => r.method === "GET" && r.path.includes("/operationsStatus/"));
      expect(polls.map((r) => r.status)).toEqual([status, status]);
      now += 60_000;
      expect((await slow.adapters.clusters.get(cluster))?.provisioningState).toBe("Succeeded");
    } finally {
      await slow.dispose();
    }
  });

  it("still fails a write whose operation ends Failed", async () => {
    const world = await startAdapterWorld();
    try {
      world.emulator.addFault({ match: { method: "PUT", pathPattern: "/cassandraClusters/cass-vpn$" }, response: { lroStatus: "Failed" } });
      await expect(world.adapters.clusters.beginCreate(spec)).rejects.toMatchObject({ kind: "permanent" });
    } finally {
      await world.dispose();
    }
  });
});
