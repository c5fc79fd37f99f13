// The stale-read quirk (staleReadsMs; azure-rest-api-specs #19021): after a cluster update's operation ended, GET and
// the lists show the cluster as it was before the update for staleReadsMs, then the update; while it runs, GET shows
// it. The stored resource (control API) has the update at once. Without the option nothing lags.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { bearer, LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";
import { closeConforming, clusterPath, COSMOS_API, rawRequest, startQuietEmulator } from "./support.js";

const LRO_DELAY_MS = 2_000;
const STALE_MS = 60_000;
let clock = Date.UTC(2026, 10, 23, 12);
let lagging: Emulator;
let plain: Emulator;
beforeAll(async () => {
  lagging = await startQuietEmulator({ now: () => clock, lroDelayMs: LRO_DELAY_MS, staleReadsMs: STALE_MS });
  plain = await startQuietEmulator({ now: () => clock, lroDelayMs: LRO_DELAY_MS });
});
afterAll(async () => {
  await closeConforming(lagging);
  await closeConforming(plain);
});

const url = (name: string) => `${clusterPath(name)}?api-version=${COSMOS_API}`;
const listUrl = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}/providers/Microsoft.DocumentDB/cassandraClusters?api-version=${COSMOS_API}`;
const pems = (cluster: any) => (cluster.properties.clientCertificates ?? []).map((c: { pem: string }) => c.pem);

/** What GET, the group's list and the control API show: `state list` of each. */
async function views(emulator: Emulator, name: string) {
  const get = (await rawRequest(emulator, "GET", url(name), { headers: bearer })).body;
  const listed = (await rawRequest(emulator, "GET", listUrl, { headers: bearer })).body.value.find((c: any) => c.name === name);
  const stored = emulator.resources().find((r) => r.name === name)!;
  return [get, listed, stored].map((c) => `${c.properties.provisioningState} ${pems(c).join(",")}`);
}

async function createAndUpdate(emulator: Emulator, name: string): Promise<void> {
  const put = await rawRequest(emulator, "PUT", url(name), { headers: bearer,
    body: { location: LOCATION, properties: { azureConnectionMethod: "VPN", clientCertificates: [{ pem: "A" }] } } });
  expect(put.status).toBe(201);
  clock += LRO_DELAY_MS;
  expect(await views(emulator, name)).toEqual(["Succeeded A", "Succeeded A", "Succeeded A"]);
  const patch = await rawRequest(emulator, "PATCH", url(name), { headers: bearer, body: { properties: { clientCertificates: [{ pem: "A" }, { pem: "B" }] } } });
  expect(patch.status).toBe(202);
}

describe("stale reads after a cluster update", () => {
  it("shows the update while it runs, the previous cluster for staleReadsMs after it ended, then the update", async () => {
    await createAndUpdate(lagging, "lag");
    expect(await views(lagging, "lag")).toEqual(["Updating A,B", "Updating A,B", "Updating A,B"]);
    clock += LRO_DELAY_MS;
    expect(await views(lagging, "lag")).toEqual(["Succeeded A", "Succeeded A", "Succeeded A,B"]);
    clock += STALE_MS - 1;
    expect(await views(lagging, "lag")).toEqual(["Succeeded A", "Succeeded A", "Succeeded A,B"]);
    clock += 1;
    expect(await views(lagging, "lag")).toEqual(["Succeeded A,B", "Succeeded A,B", "Succeeded A,B"]);
  });

  it("lags a full PUT of an existing cluster the same way, but never a create", async () => {
    const put = await rawRequest(lagging, "PUT", url("lag"), { headers: bearer,
      body: { location: LOCATION, properties: { azureConnectionMethod: "VPN", clientCertificates: [{ pem: "C" }] } } });
    expect(put.status).toBe(200);
    clock += LRO_DELAY_MS;
    expect(await views(lagging, "lag")).toEqual(["Succeeded A,B", "Succeeded A,B", "Succeeded C"]);
    clock += STALE_MS;
    expect(await views(lagging, "lag")).toEqual(["Succeeded C", "Succeeded C", "Succeeded C"]);
  });

  it("does not lag without the option", async () => {
    await createAndUpdate(plain, "fresh");
    clock += LRO_DELAY_MS;
    expect(await views(plain, "fresh")).toEqual(["Succeeded A,B", "Succeeded A,B", "Succeeded A,B"]);
  });
});
