// A restarted emulator with the same stateDir keeps its resources, its running operations and its CA.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { afterAll, describe, expect, it } from "vitest";
import { bearer, LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION, testCredential } from "../../support/testIds.js";
import { clusterPath, COSMOS_API, createNetwork, createVpnCluster, rawRequest, startQuietEmulator } from "./support.js";

const dirs: string[] = [];
const newStateDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("persistence", () => {
  it("keeps resources and the root CA, so a client trusting the first CA reads the cluster after a restart", async () => {
    const stateDir = newStateDir();
    const first = await startQuietEmulator({ stateDir });
    await createNetwork(first);
    const privateLinkServiceId = await createVpnCluster(first, "durable");
    const { caCertPem, caCertPath } = first;
    await first.close();

    const second = await startQuietEmulator({ stateDir });
    try {
      expect(second.caCertPem).toBe(caCertPem);
      expect(second.caCertPath).toBe(caCertPath);
      expect(second.stateDir).toBe(stateDir);
      const client = new CosmosDBManagementClient(testCredential, TEST_SUBSCRIPTION, { endpoint: second.armEndpoint, tlsOptions: { ca: caCertPem } });
      const cluster = await client.cassandraClusters.get(TEST_RESOURCE_GROUP, "durable");
      expect(cluster.properties?.privateLinkResourceId).toBe(privateLinkServiceId);
      expect(second.resources().map((r) => r.name).sort()).toEqual(["cass-rg", "durable", "vnet1"]);
    } finally {
      await second.close();
    }
  });

  it("completes an operation that was still running when the emulator stopped", async () => {
    const stateDir = newStateDir();
    let clock = Date.UTC(2026, 10, 23);
    const options = { stateDir, now: () => clock, lroDelayMs: 1000 };
    const first = await startQuietEmulator(options);
    const put = await rawRequest(first, "PUT", `${clusterPath("midway")}?api-version=${COSMOS_API}`,
      { headers: bearer, body: { location: LOCATION, properties: {} } });
    const statusPath = new URL(String(put.headers["azure-asyncoperation"])).pathname;
    await first.close();

    clock += 1000;
    const second = await startQuietEmulator(options);
    try {
      const status = await rawRequest(second, "GET", `${statusPath}?api-version=${COSMOS_API}`, { headers: bearer });
      expect(status.body.status).toBe("Succeeded");
      const cluster = await rawRequest(second, "GET", `${clusterPath("midway")}?api-version=${COSMOS_API}`, { headers: bearer });
      expect(cluster.body.properties.provisioningState).toBe("Succeeded");
    } finally {
      await second.close();
    }
  });

  it("keeps nothing without a stateDir and removes its temporary CA on close", async () => {
    const emulator = await startQuietEmulator();
    expect(emulator.stateDir).toBeNull();
    expect(fs.existsSync(emulator.caCertPath)).toBe(true);
    await emulator.close();
    expect(fs.existsSync(emulator.caCertPath)).toBe(false);
  });
});
