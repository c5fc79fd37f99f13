// A cluster this app adopted carries no `managed-by` tag (its tags are not the app's to change), but its
// certificates in Key Vault name it: the timer's check includes it all the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { azureClients, clusterOf, fireRotationTimer, provisionCluster } from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP } from "../../support/testIds.js";

const CLUSTER = "cass-adopted";
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
  await provisionCluster(world, CLUSTER, "10.20.3.30");
});
afterAll(() => world.dispose());

describe("the rotation timer and adopted clusters", () => {
  it("checks a cluster known only through its Key Vault certificates", async () => {
    // As an adopted cluster looks: no managed-by tag.
    await azureClients(world).cosmos.cassandraClusters.beginUpdate(DEMO_RESOURCE_GROUP, CLUSTER, { tags: { owner: "data-team" } });
    await world.clock.advance(60_000);
    expect(clusterOf(world, CLUSTER).tags).toEqual({ owner: "data-team" });

    const fleet = await fireRotationTimer(world);
    expect(fleet.output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { none: 1 }, failures: [] });
  });
});
