// The cluster status read through the real SDK: nodes per datacenter and the service's connection errors
// (managedCassandra.json ConnectionError), OK entries dropped. The status answer is canned by the emulator's
// fault rules, shaped as the spec's CosmosDBManagedCassandraStatus example.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";
import { TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";

let world: AdapterWorld;
beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.dispose());

const cluster = { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, clusterName: "cass-health" };

describe("cluster health", () => {
  it("maps nodes and connection errors, dropping OK entries and trimming exceptions", async () => {
    world.emulator.addFault({
      match: { method: "GET", pathPattern: "cassandraClusters/cass-health/status$" }, times: 1,
      response: {
        status: 200,
        body: {
          eTag: "A1", reaperStatus: { healthy: true },
          connectionErrors: [
            { connectionState: "OperatorToDataCenterNetworkError", iPFrom: "10.9.0.4", iPTo: "10.0.8.1", port: 9042, exception: "timed out\n  at stack" },
            { connectionState: "OK", iPFrom: "10.9.0.4", iPTo: "10.0.8.2", port: 9042 },
          ],
          dataCenters: [{ name: "dc1", nodes: [{ address: "10.0.8.1", state: "Normal", status: "Down" }] }],
        },
      },
    });
    expect(await world.adapters.clusters.health(cluster)).toEqual({
      nodes: [{ datacenter: "dc1", address: "10.0.8.1", state: "Normal", status: "Down" }],
      connectionErrors: [{ state: "OperatorToDataCenterNetworkError", from: "10.9.0.4", to: "10.0.8.1", port: 9042, detail: "timed out" }],
    });
  });
});
