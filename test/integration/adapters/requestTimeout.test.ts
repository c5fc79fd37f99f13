// AZURE_REQUEST_TIMEOUT: an ARM or Key Vault request the server accepts and does not answer is aborted after the
// timeout and surfaces as a transient failure (so the durable retry policy tries the activity again), instead of
// holding the activity until the host's function timeout. The SDKs set no timeout of their own. The emulator holds
// the one answer 20 times longer than the timeout; the next request is answered at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAzureClients } from "../../../src/adapters/azureClients.js";
import { AzureOperationError } from "../../../src/adapters/errors.js";
import { buildAdapters } from "../../../src/adapters/index.js";
import { loadConfig } from "../../../src/config.js";
import type { Adapters } from "../../../src/domain/ports.js";
import { emulatorEnv, startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";
import { TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";

const TIMEOUT_MS = 1_000;
const HELD_MS = 20 * TIMEOUT_MS;

let world: AdapterWorld;
let adapters: Adapters;
beforeAll(async () => {
  world = await startAdapterWorld();
  const config = loadConfig({ ...emulatorEnv(world.emulator), AZURE_REQUEST_TIMEOUT: "PT1S" });
  adapters = buildAdapters(config, buildAzureClients(config));
});
afterAll(() => world.dispose());

/** The failure `run` ends in, and how long it took. */
async function failureOf(run: () => Promise<unknown>) {
  const started = performance.now();
  const error = await run().then(() => undefined, (e: unknown) => e);
  return { error, ms: performance.now() - started };
}

describe("a request the server does not answer", () => {
  it("is aborted after AZURE_REQUEST_TIMEOUT on ARM, as a transient failure, and the next one is answered", async () => {
    world.emulator.addFault({ match: { method: "GET", pathPattern: "/cassandraClusters/cass-slow$" }, response: { delayMs: HELD_MS }, times: 1 });
    const cluster = { subscriptionId: TEST_SUBSCRIPTION, resourceGroup: TEST_RESOURCE_GROUP, clusterName: "cass-slow" };
    const { error, ms } = await failureOf(() => adapters.clusters.get(cluster));
    expect(error).toBeInstanceOf(AzureOperationError);
    expect((error as AzureOperationError).kind).toBe("transient");
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(HELD_MS);
    expect(await adapters.clusters.get(cluster)).toBeUndefined();
  });

  it("is aborted the same way on Key Vault", async () => {
    world.emulator.addFault({ match: { method: "GET", pathPattern: "/certificates/slow-ca/versions$" }, response: { delayMs: HELD_MS }, times: 1 });
    const { error, ms } = await failureOf(() => adapters.certificates.listVersions("slow-ca"));
    expect((error as AzureOperationError).kind).toBe("transient");
    expect(ms).toBeLessThan(HELD_MS);
    expect(await adapters.certificates.listVersions("slow-ca")).toEqual([]);
  });
});
