// The rotation's first steps on one cluster whose clientCertificates got a hand-pasted partner CA and a garbage entry
// before the first issuance (pasted while the provisioning awaited approval): first issuance by the provisioning and
// a client-only renewal on request. The foreign entries survive every write, byte for byte, and the partner's own
// client keeps connecting throughout (renewalAndCaRotation.test.ts has the CA rotation and the timer's renewal).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRootCa, issueClientCertificate, type PemPair } from "../../../local/emulator/tls/certificates.js";
import { EventType } from "../../../local/runtime/durable/history.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { GARBAGE, pastedTrustChecks } from "../../support/pastedTrust.js";
import {
  azureClients, caVersions, certificatesOf, clusterOf, handshakeOutcomes, identityOf, invariantViolations, issuerOf, only, provisionCluster, rotate,
  trustedThumbprints, trustEntries, type ClientIdentity,
} from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP } from "../../support/testIds.js";

const CLUSTER = "cass-demo";

let world: LocalWorld;
let partnerCa: PemPair;
let partner: ClientIdentity;

let provisioned: any;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT10M" } });
  partnerCa = await createRootCa("Partner analytics CA");
  const partnerClient = await issueClientCertificate(partnerCa, "partner-etl");
  partner = { certificatePem: partnerClient.certPem, keyPem: partnerClient.keyPem };
  provisioned = await provisionCluster(world, CLUSTER, "10.20.3.10", {
    // While the endpoint awaits approval, someone pastes a partner's self-signed CA and a broken entry.
    async whileAwaitingApproval() {
      await azureClients(world).cosmos.cassandraClusters.beginUpdate(DEMO_RESOURCE_GROUP, CLUSTER,
        { properties: { clientCertificates: [{ pem: partnerCa.certPem }, { pem: GARBAGE }] } });
      await world.clock.advance(30_000);
      expect(clusterOf(world, CLUSTER).properties.provisioningState).toBe("Succeeded");
    },
  });
});
afterAll(() => world.dispose());

const { partnerThumbprint, clusterWrites, expectForeignEntriesIntact } = pastedTrustChecks(() => ({ world, partnerCa, partner }), CLUSTER);

describe("renewals and CA rotation", () => {
  it("first issuance (the provisioning's firstCertificates) adds its CA after the hand-pasted entries and keeps them", async () => {
    expect(provisioned.certificates).toMatchObject({ action: "rotateCa", reasons: ["no current CA"] });
    const { ca, clients } = await certificatesOf(world, CLUSTER);
    const currentCa = only(ca, "current");
    expect(trustEntries(world, CLUSTER)).toEqual([partnerCa.certPem, GARBAGE, expect.stringContaining("BEGIN CERTIFICATE")]);
    expect(trustedThumbprints(world, CLUSTER)).toEqual([partnerThumbprint(), currentCa.thumbprint]);
    expect(Object.keys(clients)).toEqual(["app"]);
    expect(issuerOf(only(clients.app!, "current").cert, caVersions(ca))?.version).toBe(currentCa.version);
    await expectForeignEntriesIntact();
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
    // Nothing is due right after issuance: a request without scope decides "none".
    const again = await rotate(world, CLUSTER);
    expect(again.output).toMatchObject({ action: "none" });
  });

  it("client-only renewal on request: new client current, old previous, CA and trust untouched, both verified", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const trustBefore = trustEntries(world, CLUSTER);
    const oldClient = only(before.clients.app!, "current");
    const writesBefore = clusterWrites();

    const done = await rotate(world, CLUSTER, { scope: "client" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "renewClient", reasons: ["client app: renewal requested"] });

    const after = await certificatesOf(world, CLUSTER);
    const newClient = only(after.clients.app!, "current");
    expect(newClient.version).not.toBe(oldClient.version);
    expect((done.output as any).clients.app.version).toBe(newClient.version);
    expect(only(after.clients.app!, "previous").version).toBe(oldClient.version);
    expect(after.ca.map((v) => [v.version, v.stage])).toEqual(before.ca.map((v) => [v.version, v.stage]));
    expect(issuerOf(newClient.cert, caVersions(after.ca))?.version).toBe(only(after.ca, "current").version);
    expect(trustEntries(world, CLUSTER)).toEqual(trustBefore);
    expect(clusterWrites()).toBe(writesBefore);
    // Verified by the rotation, and by us: the new and the previous client both connect (same CA).
    expect(done.history.filter((e) => e.EventType === EventType.TaskScheduled && e.Name === "verifyClientCertificate")).not.toHaveLength(0);
    expect(await handshakeOutcomes(world, CLUSTER, await identityOf(world, newClient.name, newClient.version))).toEqual(["ok", "ok", "ok"]);
    expect(await handshakeOutcomes(world, CLUSTER, await identityOf(world, oldClient.name, oldClient.version))).toEqual(["ok", "ok", "ok"]);
    await expectForeignEntriesIntact();
  });
});
