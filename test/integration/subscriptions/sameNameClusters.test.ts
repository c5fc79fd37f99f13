// Two clusters with the same name in different resource groups share a vault, and must share nothing else: each gets
// its own CA and client certificates (Key Vault names from its own cluster id, docs/certificates.md "Names"), its own
// instances, and its clientCertificates trust only its own CA, which the nodes enforce: one cluster's client
// certificate completes no handshake with the other's nodes. Expected names come from testIds.ts, not the app.
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../../../local/appEnvironment.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { mtlsOutcome } from "../../support/mtlsClient.js";
import { certificatesOf, identityOf, issuerOf, only, provisionCluster, thumbprintOf, type ClusterCertificates } from "../../support/rotationScenario.js";
import { caNameOf, clientNameOf, DEMO_RESOURCE_GROUP, LOCAL_SUBSCRIPTION_ID, TYPES } from "../../support/testIds.js";

const TWIN = "cass-twin";
const OTHER_GROUP = "cass-twin-rg";
const GROUPS = [DEMO_RESOURCE_GROUP, OTHER_GROUP] as const;
const idOf = (group: string) => `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/${group}/providers/${TYPES.cluster}/${TWIN}`;

let world: LocalWorld;
const found: Record<string, ClusterCertificates> = {};
beforeAll(async () => {
  world = await startLocalWorld({ emulator: { resourceGroups: GROUPS.map((name) => ({ subscriptionId: LOCAL_SUBSCRIPTION_ID, name, location: DEMO.location })) } });
  // Both use the demo network (a subnet may serve resources of other groups); the endpoints differ by address.
  await provisionCluster(world, TWIN, "10.20.3.21");
  await provisionCluster(world, TWIN, "10.20.3.22", { request: { resourceGroup: OTHER_GROUP } });
  for (const group of GROUPS) found[group] = await certificatesOf(world, TWIN, group);
}, 120_000);
afterAll(() => world.dispose());

const clusterIn = (group: string) => world.emulator.resources().find((r) => r.id.toLowerCase() === idOf(group).toLowerCase())!;
const trustedBy = (group: string) =>
  ((clusterIn(group).properties.clientCertificates ?? []) as Array<{ pem: string }>).map((e) => thumbprintOf(new X509Certificate(e.pem)));

describe("two clusters with the same name in different resource groups", () => {
  it("have their own Key Vault certificates: distinct names, distinct CAs and clients", async () => {
    const names = GROUPS.flatMap((group) => [caNameOf(TWIN, group), clientNameOf(TWIN, "app", group)]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(4);
    for (const group of GROUPS) {
      expect(only(found[group]!.ca, "current").name).toBe(caNameOf(TWIN, group));
      expect(Object.keys(found[group]!.clients)).toEqual(["app"]);
    }
    const [a, b] = GROUPS.map((group) => found[group]!);
    expect(only(a!.ca, "current").thumbprint).not.toBe(only(b!.ca, "current").thumbprint);
    expect(only(a!.clients.app!, "current").thumbprint).not.toBe(only(b!.clients.app!, "current").thumbprint);
    // Each client chains to its own cluster's CA and to no CA of the other.
    expect(issuerOf(only(a!.clients.app!, "current").cert, a!.ca)).toBeDefined();
    expect(issuerOf(only(a!.clients.app!, "current").cert, b!.ca)).toBeUndefined();
    expect(issuerOf(only(b!.clients.app!, "current").cert, a!.ca)).toBeUndefined();
  });

  it("each trusts only its own CA, and its nodes refuse the other cluster's client certificate", async () => {
    for (const [own, other] of [GROUPS, [...GROUPS].reverse()] as const) {
      expect(trustedBy(own)).toEqual([only(found[own]!.ca, "current").thumbprint]);
      const nodes = (await world.emulator.nodes()).filter((n) => n.clusterId.toLowerCase() === idOf(own).toLowerCase());
      expect(nodes).toHaveLength(3);
      for (const [group, expected] of [[own, "ok"], [other, "tls"]] as const) {
        const current = only(found[group]!.clients.app!, "current");
        const identity = await identityOf(world, clientNameOf(TWIN, "app", group), current.version);
        const outcomes = await Promise.all(nodes.map((node) => mtlsOutcome({ host: node.address, port: world.emulator.cqlPort, caPem: world.emulator.nodeCaCertPem,
          certificatePem: identity.certificatePem, keyPem: identity.keyPem })));
        expect(outcomes, `${group}'s client on ${own}'s nodes`).toEqual(nodes.map(() => expected));
      }
    }
  });

  it("have distinct provisioning and rotation instances, both completed", () => {
    const ids = GROUPS.flatMap((group) => [`provision:${LOCAL_SUBSCRIPTION_ID}:${group}:${TWIN}`, `rotate:${LOCAL_SUBSCRIPTION_ID}:${group}:${TWIN}`].map((id) => id.toLowerCase()));
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(world.runtime.status(id)?.runtimeStatus, id).toBe("Completed");
  });
});
