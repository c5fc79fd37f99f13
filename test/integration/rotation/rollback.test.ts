// A rotation that cannot prove its new certificates rolls back: whatever it created in Key Vault is tagged
// `failed`, the cluster's clientCertificates is exactly the list it found, and the client certificate that was
// current before still completes an mTLS handshake with every node (its key read from Key Vault like a user would).
// Failures come from the emulator's fault rules and from the nodes themselves; all runs share one cluster, each
// starting from the state the previous one restored. A failure after promotion (the retire write) undoes nothing
// promoted: the new certificates stay current and the old CA is trusted again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RotationPlan } from "../../../src/domain/rotationPlan.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { clusterPathPattern, rollbackChecks } from "../../support/rollbackChecks.js";
import {
  certificatesOf, clusterOf, handshakeOutcomes, identityOf, inputOf, invariantViolations, only, provisionCluster, requestRotation, rotate,
  runRetireWaker, settleNodes, stepOf, trustedThumbprints, trustEntries, type ClusterCertificates,
} from "../../support/rotationScenario.js";
import { caNameOf, clientNameOf, rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const CLUSTER_PATH = clusterPathPattern(CLUSTER);

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT1M" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

const { snapshot, expectRolledBack } = rollbackChecks(() => world, CLUSTER);

describe("rollback after a failed rotation", () => {
  it("the trust PATCH's operation ends Failed: the new CA is removed again and tagged failed", async () => {
    const before = await snapshot();
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: CLUSTER_PATH }, response: { lroStatus: "Failed" }, times: 1 });
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    const created = await expectRolledBack(before, done, /trustNewCa: the cluster update failed/);
    expect(created).toEqual([`${caNameOf(CLUSTER)}/bootstrap`, `${caNameOf(CLUSTER)}/failed`]);
    expect(world.emulator.faults()).toEqual([]);
  });

  it("the nodes refuse the new client (their rolling restart has not applied the new CA yet): rolls back", async () => {
    const before = await snapshot();
    // One verification attempt instead of six: it runs before the nodes' rolling restart applies the new CA.
    const plan = inputOf<RotationPlan>(world, rotationIdOf(CLUSTER));
    world.runtime.start("rotateClusterCertificates", { ...plan, requested: "ca", reason: "test", timing: { ...plan.timing, verifyAttempts: 1 } }, rotationIdOf(CLUSTER));
    const done = await world.runtime.waitForCompletion(rotationIdOf(CLUSTER));
    const created = await expectRolledBack(before, done, new RegExp(`verify: mTLS verification failed: ${clientNameOf(CLUSTER)} → 127\\.0\\.0\\.\\d+: tls ECONNRESET`));
    expect(created.sort()).toEqual([`${caNameOf(CLUSTER)}/bootstrap`, `${caNameOf(CLUSTER)}/failed`, `${clientNameOf(CLUSTER)}/failed`]);
  });

  it("the new client's key cannot be read for the check (Key Vault 403): the renewal rolls back", async () => {
    const before = await snapshot();
    world.emulator.addFault({ match: { method: "GET", pathPattern: `/secrets/${clientNameOf(CLUSTER)}/[0-9a-f]{32}$` }, times: 1,
      response: { status: 403, body: { error: { code: "Forbidden", message: "The user does not have secrets get permission." } } } });
    const done = await rotate(world, CLUSTER, { scope: "client" });
    const created = await expectRolledBack(before, done, /verify: permanent: .*403 Forbidden/);
    expect(created).toEqual([`${clientNameOf(CLUSTER)}/failed`]);
  });

  it("Key Vault refuses to sign the new CA: rolls back, and the next CA rotation still succeeds", async () => {
    const before = await snapshot();
    world.emulator.addFault({ match: { method: "POST", pathPattern: `/keys/${caNameOf(CLUSTER)}/[0-9a-f]{32}/sign$` }, times: 1,
      response: { status: 403, body: { error: { code: "Forbidden", message: "The user does not have keys sign permission." } } } });
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    await expectRolledBack(before, done, /createCa: permanent: .*403 Forbidden/);

    const next = await rotate(world, CLUSTER, { scope: "ca" });
    expect(next.runtimeStatus, JSON.stringify(next.output)).toBe("Completed");
    const after = await certificatesOf(world, CLUSTER);
    const newCa = only(after.ca, "current");
    expect(newCa.version).not.toBe(only(before.certificates.ca, "current").version);
    expect(newCa.cert.verify(newCa.cert.publicKey)).toBe(true);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });

  it("the retire write fails after the grace period: the new certificates stay current and trusted, the old CA is put back", async () => {
    const before = await snapshot();
    const oldCa = only(before.certificates.ca, "current");
    const started = await requestRotation(world, CLUSTER, { scope: "ca" });
    expect((await world.runtime.waitForCompletion(started.id)).output).toMatchObject({ action: "rotateCa", retirePendingUntil: expect.any(String) });
    // The retire is the run the waker starts when the grace is over; its trust write fails.
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: CLUSTER_PATH }, response: { lroStatus: "Failed" }, times: 1 });
    const { rotation: done } = await runRetireWaker(world, CLUSTER);

    expect(done.runtimeStatus).toBe("Failed");
    expect(String(done.output)).toMatch(/retireOldCa: the cluster update failed\. Rolled back\.$/);
    const after = await certificatesOf(world, CLUSTER);
    const newCa = only(after.ca, "current");
    expect(newCa.version).not.toBe(oldCa.version);
    expect(only(after.ca, "previous").version).toBe(oldCa.version);
    // Promoted certificates are not undone: the invariant holds with the new CA; the old one is trusted again.
    // (Every earlier CA the retire removed is put back: with an earlier test's leftover there may be more than one.)
    expect(trustedThumbprints(world, CLUSTER)).toEqual(expect.arrayContaining([oldCa.thumbprint, newCa.thumbprint]));
    // The failure is recorded for the backoff on the current CA, in short printable words.
    expect(newCa.tags).toMatchObject({ failures: "1", lastFailure: expect.stringMatching(/^retireOldCa: the cluster update failed/) });
    expect(Date.parse(newCa.tags.nextAttemptAt!) - world.clock.now()).toBeGreaterThan(50 * 60_000);
    expect(clusterOf(world, CLUSTER).properties.provisioningState).toBe("Succeeded");
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
