// The rotation's triggers on one provisioned cluster: triggers arriving together run one rotation (the singleton
// instance id), the timer skips a cluster whose rotation runs, and the Key Vault Event Grid trigger starts a
// rotation for the app's own certificates (Event Grid and CloudEvents forms, PascalCase data, NBF/EXP as strings)
// while ignoring every other event. Events reach the app through the runtime's Event Grid webhook, as on Azure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  azureClients, certificatesOf, deliverKeyVaultEvent, inputOf, only, provisionCluster, rotationsPath, stepOf, withStage, type ClusterCertificates,
} from "../../support/rotationScenario.js";
import { caNameOf, clientNameOf, clusterIdOf, LOCAL_SUBSCRIPTION_ID, provisioningIdOf, rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const ROTATION = rotationIdOf(CLUSTER);
const VAULT_TOPIC = `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/local-kv`;

const logs: Array<{ level: string; fn: string; message: string }> = [];
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({
    env: { CA_RETIRE_GRACE: "PT30S" },
    runtime: { functionLog: (level, fn, message) => logs.push({ level, fn, message }) },
  });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

const deliver = (body: unknown) => deliverKeyVaultEvent(world, body);

/** A Key Vault certificate event's data as it is on the wire (§6.5): PascalCase, NBF and EXP as strings. */
function keyVaultData(name: string, version = "ee059b2bb5bc48398a53b168c6cdcb10") {
  return {
    Id: `${world.emulator.keyVaultUrl}/certificates/${name}/${version}`, VaultName: "local-kv", ObjectType: "Certificate",
    ObjectName: name, Version: version, NBF: "1559081980", EXP: "1559082102",
  };
}

const eventGridEvent = (eventType: string, name: string, version?: string) => ({
  id: crypto.randomUUID(), topic: VAULT_TOPIC, subject: name, eventType, eventTime: new Date(world.clock.now()).toISOString(),
  data: keyVaultData(name, version), dataVersion: "1", metadataVersion: "1",
});

const cloudEvent = (type: string, name: string, version?: string) => ({
  specversion: "1.0", id: crypto.randomUUID(), source: VAULT_TOPIC, subject: name, type, time: new Date(world.clock.now()).toISOString(),
  data: keyVaultData(name, version),
});

/** The version the app tags current: what Key Vault's event names while nothing failed. */
const currentOf = async (which: "ca" | "app") => {
  const certs = await certificatesOf(world, CLUSTER);
  return only(which === "ca" ? certs.ca : certs.clients.app!, "current").version;
};

const versionCount = (c: ClusterCertificates) => ({ ca: c.ca.length, app: c.clients.app?.length ?? 0 });
/** One CA rotation adds a bootstrap and a CA version and one client version; a client renewal one client version. */
const oneCaRotation = (before: ClusterCertificates) => ({ ca: before.ca.length + 2, app: (before.clients.app?.length ?? 0) + 1 });
const oneRenewal = (before: ClusterCertificates) => ({ ca: before.ca.length, app: (before.clients.app?.length ?? 0) + 1 });
const executionsOf = (id: string) => (world.runtime.history(id).filter((e) => e.EventType === 0 /* ExecutionStarted */)).length;
const rotationCreatedAt = () => world.runtime.status(ROTATION)?.createdTime;

describe("triggers arriving together", () => {
  it("two POSTs at once run one rotation under the cluster's instance id", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const [a, b] = await Promise.all([
      world.api("POST", rotationsPath(CLUSTER), { scope: "ca", reason: "first caller" }),
      world.api("POST", rotationsPath(CLUSTER), { scope: "ca", reason: "second caller" }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect([a.body.id, b.body.id]).toEqual([ROTATION, ROTATION]);
    expect([a.body.joined, b.body.joined].filter(Boolean)).toEqual([true]);

    expect(a.body.statusUri).toBe(`${world.origin()}/api/rotations/${encodeURIComponent(ROTATION)}`);
    expect(a.headers.get("location")).toBe(a.body.statusUri);

    const done = await world.runtime.waitForCompletion(ROTATION);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(executionsOf(ROTATION)).toBe(1);
    const status = await world.api("GET", `/api/rotations/${ROTATION}`);
    expect(status.body).toMatchObject({ id: ROTATION, runtimeStatus: "Completed", output: { action: "rotateCa" }, progress: { step: "done" } });
    expect((await world.api("GET", `/api/rotations/${provisioningIdOf(CLUSTER)}`)).status).toBe(404);
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(oneCaRotation(before));
  });

  it("a POST and a Key Vault event at once run one rotation, and a timer tick while it runs starts nothing", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const caVersion = await currentOf("ca");
    const [post, event] = await Promise.all([
      world.api("POST", rotationsPath(CLUSTER), { scope: "ca" }),
      deliver([eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", caNameOf(CLUSTER), caVersion)]),
    ]);
    expect(post.status).toBe(202);
    expect(event).toBe(202);
    expect(logs.filter((l) => l.fn === "onKeyVaultEvent" && l.message.includes(ROTATION)).at(-1)?.message)
      .toMatch(new RegExp(`^Microsoft\\.KeyVault\\.CertificateNearExpiry for ${caNameOf(CLUSTER)}: rotation \\S+ (started|already running)$`));

    await world.runUntil(() => stepOf(world, ROTATION) === "trustNewCa");
    const fleetsBefore = world.instances().filter((r) => r.name === "rotateFleetPaced").length;
    await world.runtime.fireTimer("rotationTimer");
    expect(world.instances().filter((r) => r.name === "rotateFleetPaced")).toHaveLength(fleetsBefore);
    expect(logs.filter((l) => l.fn === "rotationTimer").map((l) => l.message)).toContain(`skipped ${CLUSTER}: provisioning or rotation running`);

    const done = await world.runtime.waitForCompletion(ROTATION);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(executionsOf(ROTATION)).toBe(1);
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(oneCaRotation(before));
  });
});

describe("Key Vault events", () => {
  it("CertificateNearExpiry (Event Grid schema) on the client certificate renews that client", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const expiring = eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", clientNameOf(CLUSTER), await currentOf("app"));
    expect(await deliver([expiring])).toBe(202);
    const done = await world.runtime.waitForCompletion(ROTATION);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "renewClient", reasons: ["client app: renewal requested"] });
    expect(inputOf(world, ROTATION)).toMatchObject({ requested: "client", clients: ["app"], reason: `CertificateNearExpiry of ${clientNameOf(CLUSTER)}` });
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(oneRenewal(before));

    // The same event again (Event Grid delivers at least once): its version is no longer current, so nothing starts.
    const renewedAt = rotationCreatedAt();
    expect(await deliver([expiring])).toBe(202);
    await world.clock.settle();
    expect(rotationCreatedAt()).toBe(renewedAt);
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(oneRenewal(before));
  });

  it("CertificateExpired as a CloudEvent on the CA rotates the CA", async () => {
    const before = await certificatesOf(world, CLUSTER);
    expect(await deliver(cloudEvent("Microsoft.KeyVault.CertificateExpired", caNameOf(CLUSTER), await currentOf("ca")))).toBe(202);
    const done = await world.runtime.waitForCompletion(ROTATION);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "rotateCa", reasons: ["CA rotation requested"] });
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(oneCaRotation(before));
  });

  it("ignores other event types, other certificates and malformed events, and answers 202 to each", async () => {
    const { certificates } = azureClients(world);
    // A certificate that is not the app's, and one named like the cluster's but managed by someone else.
    for (const [name, tags] of [["partner-client", {}], [`${CLUSTER}-client-legacy`, { cluster: clusterIdOf(CLUSTER), "managed-by": "someone-else" }]] as const) {
      const poller = await certificates.beginCreateCertificate(name, { issuerName: "Self", subject: `CN=${name}` }, { tags, intervalInMs: 1 });
      await poller.pollUntilDone();
    }
    const before = await certificatesOf(world, CLUSTER);
    const createdAt = rotationCreatedAt();
    const instances = world.instances().length;
    const ignoredBefore = logs.filter((l) => l.fn === "onKeyVaultEvent" && l.level === "debug").length;

    const deliveries = [
      [eventGridEvent("Microsoft.KeyVault.CertificateNewVersionCreated", clientNameOf(CLUSTER))],
      [eventGridEvent("Microsoft.KeyVault.SecretNearExpiry", clientNameOf(CLUSTER))],
      [eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", "partner-client")],
      [eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", `${CLUSTER}-client-legacy`)],
      [eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", "no-such-certificate")],
      [{ ...eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", caNameOf(CLUSTER)), data: undefined }],
      [{ ...eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", caNameOf(CLUSTER)), data: { objectName: caNameOf(CLUSTER) } }],
      [{ ...eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", caNameOf(CLUSTER)), data: { ObjectName: 42 } }],
      [{}],
      { specversion: "1.0", id: "x", source: VAULT_TOPIC, data: keyVaultData(caNameOf(CLUSTER)) },
      "[\"not an event\"]",
    ];
    for (const body of deliveries) expect(await deliver(body), JSON.stringify(body)).toBe(202);
    await world.runtime.idle();

    expect(rotationCreatedAt()).toBe(createdAt);
    expect(world.instances().length).toBe(instances);
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(versionCount(before));
    const ignored = logs.filter((l) => l.fn === "onKeyVaultEvent" && l.level === "debug").slice(ignoredBefore).map((l) => l.message);
    expect(ignored).toHaveLength(deliveries.length);
    expect(ignored.filter((m) => m.startsWith("ignored: certificate"))).toEqual([
      "ignored: certificate partner-client is not one this app manages",
      `ignored: certificate ${CLUSTER}-client-legacy is not one this app manages`,
      "ignored: certificate no-such-certificate is not one this app manages",
    ]);
    expect(logs.filter((l) => l.fn === "onKeyVaultEvent" && l.level === "warning")).toEqual([]);
    expect(withStage(before.ca, "current")).toHaveLength(1);
  });
});
