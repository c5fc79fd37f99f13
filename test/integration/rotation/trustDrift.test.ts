// The clientCertificates list replaced by hand (as `az managed-cassandra cluster update --client-certificates`
// does) drops the app's CA and cuts every app client off. The next rotation check sees it, puts the current CA
// back next to what was pasted, and proves the current clients again; with nothing missing it does nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  azureClients, certificatesOf, clusterOf, invariantViolations, only, provisionCluster, rotate, settleNodes, trustedThumbprints, trustEntries,
} from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const PASTED = "-----BEGIN CERTIFICATE-----\nnot really a certificate, pasted by hand\n-----END CERTIFICATE-----";
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

describe("trust drift", () => {
  it("does nothing when the cluster still trusts the current CA", async () => {
    const done = await rotate(world, CLUSTER);
    expect(done.output).toMatchObject({ action: "none" });
  });

  it("restores the current CA after the list was replaced by hand, keeping what was pasted", async () => {
    const ca = only((await certificatesOf(world, CLUSTER)).ca, "current");
    // The update's operation runs on the world's virtual clock: start it, then let time pass until it is done.
    await azureClients(world).cosmos.cassandraClusters.beginUpdate(DEMO_RESOURCE_GROUP, CLUSTER, { properties: { clientCertificates: [{ pem: PASTED }] } });
    await world.clock.advance(60_000);
    expect(clusterOf(world, CLUSTER).properties.provisioningState).toBe("Succeeded");
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).not.toEqual([]);

    const done = await rotate(world, CLUSTER);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "repairTrust" });
    expect(trustEntries(world, CLUSTER)[0]).toBe(PASTED);
    expect(trustedThumbprints(world, CLUSTER)).toEqual([ca.thumbprint]);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
