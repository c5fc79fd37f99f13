// Event Grid deliveries as an attacker or a flaky network sends them (issue 13): a Key Vault event starts a rotation only
// for the version this app tags current on a certificate tagged as one of its clusters' (a replay, a look-alike without
// a version, or a certificate whose tags name a hostile cluster id starts nothing), and no field of any event (type,
// subject, certificate name) reaches a log line with its control characters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { rawHttp } from "../../support/rawHttp.js";
import { azureClients, certificatesOf, deliverKeyVaultEvent, provisionCluster, type ClusterCertificates } from "../../support/rotationScenario.js";
import { caNameOf, clientNameOf, LOCAL_SUBSCRIPTION_ID } from "../../support/testIds.js";

const CLUSTER = "cass-ev";
const logs: string[] = [];
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ runtime: { functionLog: (_level, _fn, message) => logs.push(message), log: (message) => logs.push(message) } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

const versionCount = (c: ClusterCertificates) => c.ca.length + Object.values(c.clients).reduce((n, v) => n + v.length, 0);
const kvEvent = (eventType: string, data: Record<string, unknown>) => ({
  id: crypto.randomUUID(),
  topic: `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/local-kv`,
  subject: String(data.ObjectName),
  eventType,
  eventTime: new Date(world.clock.now()).toISOString(),
  data,
  dataVersion: "1",
  metadataVersion: "1",
});

async function footprint() {
  await world.runtime.idle();
  return { versions: versionCount(await certificatesOf(world, CLUSTER)), instances: world.instances().map((r) => `${r.instanceId} ${r.createdTime}`).sort() };
}

describe("Key Vault events bound to what this app owns", () => {
  it("a look-alike expiry event without a version, delivered twice, renews nothing", async () => {
    const before = await footprint();
    const event = kvEvent("Microsoft.KeyVault.CertificateNearExpiry", { ObjectName: clientNameOf(CLUSTER), ObjectType: "Certificate",
      VaultName: "local-kv" });
    for (let delivery = 0; delivery < 2; delivery++) {
      expect(await deliverKeyVaultEvent(world, [event])).toBe(202);
      await world.runUntil(() => true);
    }
    expect(await footprint()).toEqual(before);
  });

  it("the same expiry event again, after the rotation it started has failed, starts nothing (the version is remembered)", async () => {
    const current = (await certificatesOf(world, CLUSTER)).clients.app!.find((v) => v.stage === "current")!;
    world.emulator.addFault({ match: { method: "POST", pathPattern: `/certificates/${clientNameOf(CLUSTER)}/create$` },
      response: { status: 400, body: { error: { code: "BadParameter", message: "injected" } } }, times: 1 });
    const event = kvEvent("Microsoft.KeyVault.CertificateNearExpiry", { ObjectName: clientNameOf(CLUSTER), Version: current.version });
    expect(await deliverKeyVaultEvent(world, [event])).toBe(202);
    const rotation = world.instances().find((r) => r.name === "rotateClusterCertificates" && r.instanceId.endsWith(`:${CLUSTER}`))!;
    expect((await world.runtime.waitForCompletion(rotation.instanceId)).runtimeStatus).toBe("Failed");
    const before = await footprint();
    for (const again of [event, { ...event, id: crypto.randomUUID() }]) {
      expect(await deliverKeyVaultEvent(world, [again])).toBe(202);
      await world.runUntil(() => true);
    }
    expect(await footprint()).toEqual(before);
  });

  it("a certificate whose tags name a hostile cluster id starts nothing", async () => {
    const hostile = [
      `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/../providers/Microsoft.DocumentDB/cassandraClusters/evil`,
      `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/a\r\n[Error] forged/providers/Microsoft.DocumentDB/cassandraClusters/evil`,
      `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/a%2F..%2Fb/providers/Microsoft.DocumentDB/cassandraClusters/evil`,
    ];
    const before = await footprint();
    const linesBefore = logs.length;
    for (const cluster of hostile) {
      const tags = { stage: "current", cluster, "managed-by": "cassandra-vpn-automation" };
      const poller = await azureClients(world).certificates.beginCreateCertificate("evil-ca", { issuerName: "Self", subject: "CN=evil" }, { tags,
        intervalInMs: 1 });
      const created = await poller.pollUntilDone();
      expect(
        await deliverKeyVaultEvent(world, [
          kvEvent("Microsoft.KeyVault.CertificateNearExpiry", { ObjectName: "evil-ca", Version: created.properties.version }),
        ]),
      ).toBe(202);
    }
    expect(await footprint()).toEqual(before);
    expect(world.instances().filter((r) => r.instanceId.includes("evil"))).toEqual([]);
    expect(logs.slice(linesBefore).filter((line) => /[\r\n]/.test(line) || line.includes("forged"))).toEqual([]);
  });
});

describe("event fields never reach a log line as sent", () => {
  it("control characters in types, subjects and certificate names are neither logged nor acted on", async () => {
    const before = await footprint();
    const linesBefore = logs.length;
    const forged = "x\r\n[Error] forged\u2028line";
    for (const event of [
      kvEvent(`Microsoft.KeyVault.CertificateNearExpiry${forged}`, { ObjectName: caNameOf(CLUSTER) }),
      kvEvent("Microsoft.KeyVault.CertificateNearExpiry", { ObjectName: forged }),
      kvEvent("Microsoft.KeyVault.CertificateNearExpiry", { ObjectName: caNameOf(CLUSTER), Version: forged }),
    ]) expect(await deliverKeyVaultEvent(world, [event])).toBe(202);
    const endpoint = `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/cass-demo-rg/providers/Microsoft.Network/privateEndpoints/`;
    for (const [eventType, subject] of [
      [`Microsoft.Resources.ResourceWriteSuccess${forged}`, `${endpoint}${CLUSTER}-pe`],
      ["Microsoft.Resources.ResourceWriteSuccess", `${endpoint}${forged}`],
      ["Microsoft.Resources.ResourceWriteSuccess", `${endpoint}..`],
      ["Microsoft.Resources.ResourceWriteSuccess", `${endpoint}a%2F..%2Fb`],
    ]) {
      const res = await rawHttp(world.origin(), {
        method: "POST",
        path: "/runtime/webhooks/eventgrid?functionName=onResourceEvent",
        headers: { "content-type": "application/json", "aeg-event-type": "Notification" },
        body: JSON.stringify([{ id: "1", topic: "/subscriptions/x", subject, eventType, eventTime: "2026-01-01T00:00:00Z", data: {}, dataVersion: "1" }]),
      });
      expect(res.status).toBe(202);
    }
    expect(await footprint()).toEqual(before);
    expect(logs.slice(linesBefore).filter((line) => /[\r\n\u2028]/.test(line) || line.includes("forged"))).toEqual([]);
  });
});
