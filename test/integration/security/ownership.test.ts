// What a rotation may touch is bound to what the app owns (issue 13): a cluster that does not exist, or that another
// app manages, gets no rotation; a Key Vault certificate named like one of the cluster's but not tagged as this
// cluster's (by this app) is never adopted, re-tagged or issued into. Checked at the edge (a 4xx, nothing started)
// and again by the rotation itself before its first Key Vault write (for starts that bypass the edge: the timer,
// Key Vault events, a replayed start).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSubnetId } from "../../../local/appEnvironment.js";
import { loadConfig, rotationSettings } from "../../../src/config.js";
import type { ListedCertificates } from "../../../src/domain/certificateNames.js";
import { rotationPlanFor } from "../../../src/domain/rotationPlan.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { armClients } from "../../support/provisioningScenario.js";
import { azureClients, rotationsPath, versionsOf } from "../../support/rotationScenario.js";
import { clusterIdOf, DEMO_RESOURCE_GROUP, LOCAL_ADMIN_PASSWORD, LOCAL_SUBSCRIPTION_ID } from "../../support/testIds.js";

const OURS = "cassandra-vpn-automation";
const CLUSTER = "cass-own";
/** Certificates named like cass-own's clients, none of them tagged as cass-own's by this app. */
const LOOK_ALIKES = {
  partner: { cluster: clusterIdOf("cass-other"), "managed-by": OURS },
  legacy: {},
  shared: { cluster: clusterIdOf(CLUSTER), "managed-by": "someone-else" },
} as const;

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
  const { cosmos } = armClients(world);
  const vpn = { azureConnectionMethod: "VPN", delegatedManagementSubnetId: demoSubnetId("cassandra"), initialCassandraAdminPassword: LOCAL_ADMIN_PASSWORD };
  await cosmos.cassandraClusters.beginCreateUpdate(DEMO_RESOURCE_GROUP, CLUSTER, { location: "eastus2", properties: vpn });
  await cosmos.cassandraClusters.beginCreateUpdate(DEMO_RESOURCE_GROUP, "cass-theirs", { location: "eastus2", tags: { "managed-by": "another-app" },
    properties: vpn });
  await world.clock.advance(60_000);
  for (const [client, tags] of Object.entries(LOOK_ALIKES)) {
    const name = `${CLUSTER}-client-${client}`;
    await (await azureClients(world).certificates.beginCreateCertificate(name, { issuerName: "Self", subject: `CN=${client}` }, { tags, intervalInMs: 1 }))
      .pollUntilDone();
  }
});
afterAll(() => world.dispose());

/** Every Key Vault certificate version with its tags, and how many writes Key Vault and ARM received. */
async function footprint() {
  await world.runtime.idle();
  const versions: string[] = [];
  for await (const props of azureClients(world).certificates.listPropertiesOfCertificates()) {
    for (const v of await versionsOf(world, props.name!)) versions.push(`${v.name}/${v.version} ${JSON.stringify(v.tags)}`);
  }
  return { versions: versions.sort(), writes: world.emulator.requests().requests.filter((r) => r.method !== "GET").length,
    instances: world.instances().length };
}

const planFor = (clusterName: string, clients: string[], listed?: ListedCertificates) =>
  rotationPlanFor(rotationSettings(loadConfig()), { subscriptionId: LOCAL_SUBSCRIPTION_ID, resourceGroup: DEMO_RESOURCE_GROUP, clusterName }, {
    reason: "started past the edge",
    clients,
    requested: "client",
    ...(listed ? { listed } : {}),
  });

describe("the edge", () => {
  it("refuses a certificate named like one of the cluster's clients unless it is tagged as this cluster's by this app", async () => {
    const before = await footprint();
    for (const client of Object.keys(LOOK_ALIKES)) {
      const res = await world.api("POST", rotationsPath(CLUSTER), { clients: [client] });
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error).toMatchObject({ code: "CertificateNotOwned", message: expect.stringContaining(`${CLUSTER}-client-${client}`) });
    }
    expect(await footprint()).toEqual(before);
  });

  it("refuses a cluster another app manages, and one that does not exist", async () => {
    const before = await footprint();
    const theirs = await world.api("POST", rotationsPath("cass-theirs"), {});
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(409);
    expect(theirs.body.error.code).toBe("ClusterNotManaged");
    const gone = await world.api("POST", rotationsPath("cass-gone"), {});
    expect(gone.status, JSON.stringify(gone.body)).toBe(404);
    expect(await footprint()).toEqual({ ...before });
  });
});

describe("a rotation started past the edge", () => {
  it.each([
    ["a look-alike client certificate", CLUSTER, ["partner"], undefined, /cass-own-client-partner .*not tagged as this cluster's/],
    // A fleet's listing is older than the rotation: what it says is the cluster's is checked again against Key Vault.
    ["a fleet listing that calls a look-alike the cluster's", CLUSTER, [], { stem: CLUSTER, clients: ["shared"] }, /cass-own-client-shared .*not tagged as this cluster's/],
    ["a cluster that does not exist", "cass-gone", [], undefined, /cluster cass-demo-rg\/cass-gone not found/],
    ["a cluster another app manages", "cass-theirs", [], undefined, /cluster cass-demo-rg\/cass-theirs is managed by another-app/],
  ])("fails before its first Key Vault write for %s", async (what, clusterName, clients, listed, reason) => {
    const before = await footprint();
    const id = world.runtime.start("rotateClusterCertificates", planFor(clusterName, clients, listed), `past-the-edge-${what.length}-${clusterName}`);
    const done = await world.runtime.waitForCompletion(id);
    expect(done.runtimeStatus).toBe("Failed");
    expect(String(done.output)).toMatch(reason);
    expect(await footprint()).toEqual({ ...before, instances: before.instances + 1 });
  });
});
