// The rotation's later life on one cluster whose clientCertificates got a hand-pasted partner CA and a garbage entry
// before the first issuance (pasted while the provisioning awaited approval): a full CA rotation whose old CA stays
// trusted for the grace period and is removed after it, and a renewal due by the clock that the timer finds. The
// foreign entries survive every write, byte for byte, and the partner's own client keeps connecting throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRootCa, issueClientCertificate, type PemPair } from "../../../local/emulator/tls/certificates.js";
import type { RotationPlan } from "../../../src/domain/rotationPlan.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { GARBAGE, pastedTrustChecks } from "../../support/pastedTrust.js";
import {
  azureClients, caVersions, certificatesOf, clusterOf, fireRotationTimer, handshakeOutcomes, identityOf, inputOf, invariantViolations, issuerOf,
  only, provisionCluster, requestRotation, runRetireWaker, settleNodes, trustedThumbprints, trustEntries, type ClientIdentity,
} from "../../support/rotationScenario.js";
import { clusterIdOf, DEMO_RESOURCE_GROUP, rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const GRACE_MS = 10 * 60_000;

let world: LocalWorld;
let partnerCa: PemPair;
let partner: ClientIdentity;

beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT10M" } });
  partnerCa = await createRootCa("Partner analytics CA");
  const partnerClient = await issueClientCertificate(partnerCa, "partner-etl");
  partner = { certificatePem: partnerClient.certPem, keyPem: partnerClient.keyPem };
  await provisionCluster(world, CLUSTER, "10.20.3.10", {
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
  it("CA rotation trusts the new CA next to the old one and ends; the old one leaves when its grace is over, not before", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const oldCa = only(before.ca, "current");
    const oldClient = only(before.clients.app!, "current");
    const oldIdentity = await identityOf(world, oldClient.name, oldClient.version);

    const started = await requestRotation(world, CLUSTER, { scope: "ca" });
    const done = await world.runtime.waitForCompletion(started.id);
    const promotedAt = world.clock.now();
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    // The singleton ends after the promotion: the grace period is a phase in Key Vault tags, not a wait in the run.
    const retirePendingUntil = (done.output as any).retirePendingUntil as string;
    expect(done.output).toMatchObject({ action: "rotateCa", reasons: ["CA rotation requested"], retirePendingUntil: expect.any(String) });
    expect(Date.parse(retirePendingUntil) - promotedAt).toBeGreaterThan(GRACE_MS - 60_000);

    // Overlap: both CAs trusted by ARM and by every node; old and new clients both connect.
    const during = await certificatesOf(world, CLUSTER);
    const newCa = only(during.ca, "current");
    const newClient = only(during.clients.app!, "current");
    expect((done.output as any).ca.version).toBe(newCa.version);
    expect(newCa.version).not.toBe(oldCa.version);
    expect(only(during.ca, "previous").version).toBe(oldCa.version);
    expect(only(during.ca, "previous").tags.retireAt).toBe(retirePendingUntil);
    expect(newCa.cert.ca).toBe(true);
    expect(newCa.cert.verify(newCa.cert.publicKey)).toBe(true);
    expect(issuerOf(newClient.cert, caVersions(during.ca))?.version).toBe(newCa.version);
    expect(only(during.clients.app!, "previous").version).toBe(oldClient.version);
    expect(trustEntries(world, CLUSTER)).toEqual([partnerCa.certPem, GARBAGE, expect.any(String), expect.any(String)]);
    expect(trustedThumbprints(world, CLUSTER)).toEqual([partnerThumbprint(), oldCa.thumbprint, newCa.thumbprint]);
    const nodes = await settleNodes(world, CLUSTER);
    for (const node of nodes) expect(node.trustedThumbprints).toEqual(expect.arrayContaining([oldCa.thumbprint, newCa.thumbprint]));
    const newIdentity = await identityOf(world, newClient.name, newClient.version);
    expect(await handshakeOutcomes(world, CLUSTER, newIdentity)).toEqual(["ok", "ok", "ok"]);
    expect(await handshakeOutcomes(world, CLUSTER, oldIdentity)).toEqual(["ok", "ok", "ok"]);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
    const res = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/certificates`);
    expect(res.body.retirePendingUntil).toBe(retirePendingUntil);

    // The waker sleeps until retireAt, then the run it starts retires the old CA.
    const writesBefore = clusterWrites();
    const { waker, rotation } = await runRetireWaker(world, CLUSTER);
    expect(waker.output).toMatchObject({ woke: true, rotation: rotationIdOf(CLUSTER) });
    expect(rotation.output).toMatchObject({ action: "retireCa", retired: [{ version: oldCa.version }] });
    const retireWrite = world.emulator.requests().requests.filter((r) => r.method === "PATCH" && r.path.toLowerCase() === clusterIdOf(CLUSTER).toLowerCase()).at(-1)!;
    expect(clusterWrites()).toBe(writesBefore + 1);
    expect(Date.parse(retireWrite.time)).toBeGreaterThanOrEqual(Date.parse(retirePendingUntil));
    // Where the service implements PATCH, every clientCertificates write is one: the cluster's only PUT is its create
    // (GET + full PUT is the fallback for a PATCH answered as not implemented, patchNotImplemented.test.ts).
    expect(world.emulator.requests().requests.filter((r) => r.method === "PUT" && r.path.toLowerCase() === clusterIdOf(CLUSTER).toLowerCase())).toHaveLength(1);

    // After the grace period: the old CA is gone from ARM and from the nodes; its clients are refused.
    expect(trustedThumbprints(world, CLUSTER)).not.toContain(oldCa.thumbprint);
    expect(trustedThumbprints(world, CLUSTER)).toContain(newCa.thumbprint);
    for (const node of await settleNodes(world, CLUSTER)) {
      expect(node.trustedThumbprints).not.toContain(oldCa.thumbprint);
      expect(node.trustedThumbprints).toContain(newCa.thumbprint);
    }
    expect(await handshakeOutcomes(world, CLUSTER, oldIdentity)).toEqual(["tls", "tls", "tls"]);
    expect(await handshakeOutcomes(world, CLUSTER, newIdentity)).toEqual(["ok", "ok", "ok"]);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
    await expectForeignEntriesIntact();
  });

  it("shows the new CA trusted and the previous one not on GET /certificates", async () => {
    const res = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/certificates`);
    expect(res.status).toBe(200);
    const byStage = Object.fromEntries(res.body.ca.versions.filter((v: any) => v.stage).map((v: any) => [v.stage, v.trustedByCluster]));
    expect(byStage).toMatchObject({ current: true, previous: false });
    expect(res.body.clusterTrust).toEqual({ entries: 3, notIssuedByThisApp: 1 });
  });

  // Virtual time runs months ahead of the wall clock from here on; certificates are issued by the wall clock, so the
  // renewal point is computed from the current version and the virtual clock is moved past it.
  it("renews a client due by the clock when the timer checks the fleet, retiring the oldest version", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const current = only(before.clients.app!, "current");
    const previous = only(before.clients.app!, "previous");
    const notBefore = Date.parse(current.cert.validFrom);
    const notAfter = Date.parse(current.cert.validTo);
    // Due once less than CLIENT_RENEW_FRACTION (default 0.3333) of the lifetime remains.
    const { clientRenewFraction } = inputOf<RotationPlan>(world, rotationIdOf(CLUSTER)).policy;
    const dueAt = notAfter - clientRenewFraction * (notAfter - notBefore);
    await world.clock.advanceTo(dueAt - 86_400_000);
    const early = await fireRotationTimer(world);
    expect(early.output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { none: 1 } });
    expect(only((await certificatesOf(world, CLUSTER)).clients.app!, "current").version).toBe(current.version);

    await world.clock.advanceTo(dueAt + 60_000);
    const fleet = await fireRotationTimer(world);
    expect(fleet.output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { renewClient: 1 } });
    expect(world.runtime.status(rotationIdOf(CLUSTER))?.output).toMatchObject({ reasons: [`client app: version ${current.version} is due for renewal`] });

    const after = await certificatesOf(world, CLUSTER);
    const renewed = only(after.clients.app!, "current");
    expect(renewed.version).not.toBe(current.version);
    expect(only(after.clients.app!, "previous").version).toBe(current.version);
    expect(after.clients.app!.find((v) => v.version === previous.version)?.stage).toBeUndefined();
    expect(after.ca.map((v) => [v.version, v.stage])).toEqual(before.ca.map((v) => [v.version, v.stage]));
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
    await expectForeignEntriesIntact();
  });
});
