// The Key Vault Event Grid trigger on one provisioned cluster: it starts a rotation for the app's own certificates
// (Event Grid and CloudEvents forms, PascalCase data, NBF/EXP as strings), once per version however often an event is
// delivered, while ignoring every other event. Key Vault's versions and the trigger's own log lines are the oracle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorld } from "../../support/localWorld.js";
import { keyVaultEvents, provisionedWorldWithLogs, type FunctionLogLine, oneCaRotation, oneRenewal, VAULT_TOPIC, versionCount } from "../../support/keyVaultEvents.js";
import { azureClients, certificatesOf, deliverKeyVaultEvent, inputOf, withStage } from "../../support/rotationScenario.js";
import { caNameOf, clientNameOf, clusterIdOf, rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const ROTATION = rotationIdOf(CLUSTER);

let logs: FunctionLogLine[] = [];
let world: LocalWorld;
beforeAll(async () => {
  ({ world, logs } = await provisionedWorldWithLogs(CLUSTER));
});
afterAll(() => world.dispose());

const deliver = (body: unknown) => deliverKeyVaultEvent(world, body);
const { keyVaultData, eventGridEvent, cloudEvent, currentOf } = keyVaultEvents(() => world, CLUSTER);
const rotationCreatedAt = () => world.runtime.status(ROTATION)?.createdTime;

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
