// A cluster in a second managed subscription (MANAGED_SUBSCRIPTIONS): provisioned by naming the subscription in the
// request, its certificates and connection kit read through the subscription-qualified routes (and `cassandra-vpn kit
// --subscription`), and renewed by the rotation timer, which lists the clusters of every managed subscription. A
// subscription the app does not manage is refused before anything is read.
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSubnetId, LOCAL_SECOND_SUBSCRIPTION_ID } from "../../../local/appEnvironment.js";
import { main } from "../../../tools/cli/main.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { requestFor } from "../../support/provisioningScenario.js";
import { certificatesOf, fireRotationTimer, only, provisionCluster, thumbprintOf } from "../../support/rotationScenario.js";
import { caNameOf, certificateStemOf, clientNameOf, DEMO_RESOURCE_GROUP, LOCAL_SUBSCRIPTION_ID, TYPES } from "../../support/testIds.js";

const FAR = "cass-far";
const NEAR = "cass-near";
const SECOND = LOCAL_SECOND_SUBSCRIPTION_ID;
const UNMANAGED = "99999999-8888-4777-8666-555555555555";
const farId = `/subscriptions/${SECOND}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/${TYPES.cluster}/${FAR}`;
const qualified = (subscriptionId: string, clusterName: string) => `/api/subscriptions/${subscriptionId}/resourceGroups/${DEMO_RESOURCE_GROUP}/clusters/${clusterName}`;
const inSecond = (clusterName: string, ip: string) => {
  const base = requestFor(clusterName, ip);
  return { subscriptionId: SECOND, privateEndpoint: { subnetId: demoSubnetId("endpoints", SECOND), ipAddress: ip },
    datacenter: { ...base.datacenter, delegatedSubnetId: demoSubnetId("cassandra", SECOND) } };
};

let world: LocalWorld;
const scratch = mkdtempSync(join(tmpdir(), "second-subscription-"));
beforeAll(async () => {
  world = await startLocalWorld({ secondSubscription: true });
  await provisionCluster(world, NEAR, "10.20.3.10");
  await provisionCluster(world, FAR, "10.30.3.10", { request: inSecond(FAR, "10.30.3.10") });
}, 120_000);
afterAll(async () => {
  await world?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe("a cluster in a second managed subscription", () => {
  it("is provisioned there, under an instance id of that subscription, with certificates named for its id", async () => {
    const cluster = world.emulator.resources().find((r) => r.id.toLowerCase() === farId.toLowerCase());
    expect(cluster?.properties.provisioningState).toBe("Succeeded");
    const instance = world.instances().find((r) => r.instanceId === `provision:${SECOND}:${DEMO_RESOURCE_GROUP}:${FAR}`.toLowerCase());
    expect(instance?.runtimeStatus).toBe("Completed");
    const { ca, clients } = await certificatesOf(world, FAR, DEMO_RESOURCE_GROUP, SECOND);
    const trusted = ((cluster!.properties.clientCertificates ?? []) as Array<{ pem: string }>).map((e) => e.pem);
    expect(trusted.length).toBe(1);
    expect(only(ca, "current").thumbprint).toBe(thumbprintOf(new X509Certificate(trusted[0]!)));
    expect(Object.keys(clients)).toEqual(["app"]);
  });

  it("answers its certificates and connection kit on the subscription-qualified routes only", async () => {
    const certificates = await world.api("GET", `${qualified(SECOND, FAR)}/certificates`);
    expect(certificates.status, JSON.stringify(certificates.body)).toBe(200);
    expect(certificates.body).toMatchObject({ cluster: farId, ca: { name: caNameOf(FAR, DEMO_RESOURCE_GROUP, SECOND) },
      clients: { app: { name: clientNameOf(FAR, "app", DEMO_RESOURCE_GROUP, SECOND) } } });
    const kit = await world.api("GET", `${qualified(SECOND, FAR)}/connection-kit`);
    expect(kit.status, JSON.stringify(kit.body)).toBe(200);
    expect(kit.body).toMatchObject({ cluster: farId, certificate: { name: clientNameOf(FAR, "app", DEMO_RESOURCE_GROUP, SECOND) } });
    expect(kit.body.nodes).toHaveLength(3);
    // The short route means AZURE_SUBSCRIPTION_ID, where no such cluster exists.
    const short = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${FAR}/certificates`);
    expect(short.status).toBe(404);
    expect(short.body.error.code).toBe("ClusterNotFound");
    // The qualified route in the app's own subscription is the short one's cluster.
    const near = await world.api("GET", `${qualified(LOCAL_SUBSCRIPTION_ID, NEAR)}/certificates`);
    expect(near.status).toBe(200);
    expect(near.body.ca.name).toBe(caNameOf(NEAR));
  });

  it("writes its kit with `cassandra-vpn kit --subscription`, through the qualified route", async () => {
    const out = join(scratch, "kit");
    const lines: string[] = [];
    const code = await main(["kit", `${DEMO_RESOURCE_GROUP}/${FAR}`, "--subscription", SECOND, "--out", out, "--local"],
      { APP_URL: world.origin(), STATE_DIR: world.stateDir }, { out: (l) => lines.push(l), err: (l) => lines.push(l), now: () => world.clock.now(), wait: async () => {} });
    expect(code, lines.join("\n")).toBe(0);
    expect(lines.join("\n")).toContain(`certificate ${clientNameOf(FAR, "app", DEMO_RESOURCE_GROUP, SECOND)}`);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(["client.key", "client.crt", "cqlshrc"]));
    // Without --subscription the kit is asked of AZURE_SUBSCRIPTION_ID, which has no such cluster.
    const short = await main(["kit", `${DEMO_RESOURCE_GROUP}/${FAR}`, "--out", join(scratch, "short"), "--local"],
      { APP_URL: world.origin(), STATE_DIR: world.stateDir }, { out: () => {}, err: (l) => lines.push(l), now: () => world.clock.now(), wait: async () => {} });
    expect(short).toBe(1);
  });

  it("is refused in a subscription the app does not manage, before anything is read or started", async () => {
    const before = world.emulator.requests().requests.length;
    for (const [method, route] of [["GET", "certificates"], ["GET", "connection-kit"], ["POST", "rotations"]] as const) {
      const res = await world.api(method, `${qualified(UNMANAGED, FAR)}/${route}`, method === "POST" ? {} : undefined);
      expect(res.status, `${route}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.error).toMatchObject({ code: "SubscriptionNotManaged", details: [{ field: "subscriptionId" }] });
    }
    const provisioning = await world.api("POST", "/api/provisionings", { ...requestFor("cass-elsewhere", "10.20.3.40"), subscriptionId: UNMANAGED });
    expect(provisioning.status).toBe(403);
    expect(provisioning.body.error.details).toEqual([expect.objectContaining({ field: "subscriptionId" })]);
    expect(world.emulator.requests().requests.length).toBe(before);
  });

  it("is renewed by the rotation timer together with the clusters of the app's own subscription", async () => {
    const before = only((await certificatesOf(world, FAR, DEMO_RESOURCE_GROUP, SECOND)).clients.app!, "current");
    const [notBefore, notAfter] = [Date.parse(before.cert.validFrom), Date.parse(before.cert.validTo)];
    // Due once less than CLIENT_RENEW_FRACTION (default 0.3333) of the lifetime remains.
    await world.clock.advanceTo(notAfter - 0.3333 * (notAfter - notBefore) + 86_400_000);
    const fleet = await fireRotationTimer(world);
    const plans = (world.runtime.status(fleet.instanceId)?.input as { clusters: unknown[] }).clusters;
    expect(plans).toEqual(expect.arrayContaining([
      // Each with its part of the timer's one vault listing: its certificates' stem and its clients.
      { subscriptionId: LOCAL_SUBSCRIPTION_ID, resourceGroup: DEMO_RESOURCE_GROUP, clusterName: NEAR,
        listed: { stem: certificateStemOf(NEAR, DEMO_RESOURCE_GROUP, LOCAL_SUBSCRIPTION_ID), clients: ["app"] } },
      { subscriptionId: SECOND, resourceGroup: DEMO_RESOURCE_GROUP, clusterName: FAR,
        listed: { stem: certificateStemOf(FAR, DEMO_RESOURCE_GROUP, SECOND), clients: ["app"] } },
    ]));
    expect(plans).toHaveLength(2);
    const rotation = world.runtime.status(`rotate:${SECOND}:${DEMO_RESOURCE_GROUP}:${FAR}`.toLowerCase());
    expect(rotation?.runtimeStatus).toBe("Completed");
    expect(rotation?.output).toMatchObject({ action: "renewClient" });
    const after = only((await certificatesOf(world, FAR, DEMO_RESOURCE_GROUP, SECOND)).clients.app!, "current");
    expect(after.version).not.toBe(before.version);
  });
});
