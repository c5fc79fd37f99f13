// A rotation that cannot prove its new certificates rolls back: whatever it created in Key Vault is tagged
// `failed`, the cluster's clientCertificates is exactly the list it found, and the client certificate that was
// current before still completes an mTLS handshake with every node (its key read from Key Vault like a user would).
// Failures come from the emulator's fault rules and from the nodes themselves; all runs share one cluster, each
// starting from the state the previous one restored. A failure after promotion (the retire write) undoes nothing
// promoted: the new certificates stay current and the old CA is trusted again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RotationPlan } from "../../../src/domain/rotationPlan.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  certificatesOf, clusterOf, handshakeOutcomes, identityOf, inputOf, invariantViolations, only, provisionCluster, requestRotation, rotate,
  runRetireWaker, settleNodes, trustedThumbprints, trustEntries, type ClusterCertificates,
} from "../../support/rotationScenario.js";
import { clusterIdOf, rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const CLUSTER_PATH = `${clusterIdOf(CLUSTER).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;

let world: LocalWorld;
beforeAll(async () => {
  // A cluster update that never lands is given up on after a minute (default: three hours).
  world = await startLocalWorld({ env: { OPERATION_TIMEOUT: "PT1M", CA_RETIRE_GRACE: "PT1M" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

interface Snapshot {
  certificates: ClusterCertificates;
  trust: string[];
}

async function snapshot(): Promise<Snapshot> {
  await settleNodes(world, CLUSTER);
  return { certificates: await certificatesOf(world, CLUSTER), trust: trustEntries(world, CLUSTER) };
}

const versionKeys = (c: ClusterCertificates) => [...c.ca, ...Object.values(c.clients).flat()].map((v) => `${v.name}/${v.version}`);

/** Checks everything a rollback promises against the state before the rotation; answers the versions it created. */
async function expectRolledBack(before: Snapshot, record: { runtimeStatus: string; output: unknown }, reason: RegExp): Promise<string[]> {
  expect(record.runtimeStatus).toBe("Failed");
  expect(String(record.output)).toMatch(reason);
  expect(String(record.output)).toMatch(/Rolled back\.$/);
  const after = await certificatesOf(world, CLUSTER);
  const known = new Set(versionKeys(before.certificates));
  const created = [...after.ca, ...Object.values(after.clients).flat()].filter((v) => !known.has(`${v.name}/${v.version}`));
  // Every version this rotation completed is failed (a CA's bootstrap version only carries its key).
  expect(created.filter((v) => v.stage !== "bootstrap").map((v) => v.stage)).toEqual(created.filter((v) => v.stage !== "bootstrap").map(() => "failed"));
  // Nothing else changed stage: the previous current versions are still current.
  for (const v of [...before.certificates.ca, ...Object.values(before.certificates.clients).flat()]) {
    expect([...after.ca, ...Object.values(after.clients).flat()].find((a) => a.version === v.version)?.stage, `${v.name}/${v.version}`).toBe(v.stage);
  }
  expect(trustEntries(world, CLUSTER)).toEqual(before.trust);
  expect(clusterOf(world, CLUSTER).properties.provisioningState).toBe("Succeeded");
  const nodes = await settleNodes(world, CLUSTER);
  const listed = before.trust.length;
  for (const node of nodes) expect(node.trustedThumbprints).toHaveLength(listed);
  const previous = only(before.certificates.clients.app!, "current");
  expect(await handshakeOutcomes(world, CLUSTER, await identityOf(world, previous.name, previous.version))).toEqual(["ok", "ok", "ok"]);
  expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  return created.map((v) => `${v.name}/${v.stage}`);
}

describe("rollback after a failed rotation", () => {
  it("the trust PATCH's operation ends Failed: the new CA is removed again and tagged failed", async () => {
    const before = await snapshot();
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: CLUSTER_PATH }, response: { lroStatus: "Failed" }, times: 1 });
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    const created = await expectRolledBack(before, done, /trustNewCa: the cluster update failed/);
    expect(created).toEqual([`${CLUSTER}-ca/bootstrap`, `${CLUSTER}-ca/failed`]);
    expect(world.emulator.faults()).toEqual([]);
  });

  it("the cluster update never takes effect (answered 200, list unchanged): gives up after OPERATION_TIMEOUT and rolls back", async () => {
    const before = await snapshot();
    const unchanged = structuredClone(clusterOf(world, CLUSTER));
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: CLUSTER_PATH }, response: { status: 200, body: unchanged }, times: 1 });
    const startedAt = world.clock.now();
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    const created = await expectRolledBack(before, done, /trustNewCa: gave up waiting for cluster cass-demo to apply its new client certificates after 60 s/);
    expect(created).toEqual([`${CLUSTER}-ca/bootstrap`, `${CLUSTER}-ca/failed`]);
    expect(world.clock.now() - startedAt).toBeGreaterThanOrEqual(60_000);
  });

  it("the nodes refuse the new client (their rolling restart has not applied the new CA yet): rolls back", async () => {
    const before = await snapshot();
    // One verification attempt instead of six: it runs before the nodes' rolling restart applies the new CA.
    const plan = inputOf<RotationPlan>(world, rotationIdOf(CLUSTER));
    world.runtime.start("rotateClusterCertificates", { ...plan, requested: "ca", reason: "test", timing: { ...plan.timing, verifyAttempts: 1 } }, rotationIdOf(CLUSTER));
    const done = await world.runtime.waitForCompletion(rotationIdOf(CLUSTER));
    const created = await expectRolledBack(before, done, /verify: mTLS verification failed: cass-demo-client-app → 127\.0\.0\.\d+: tls ECONNRESET/);
    expect(created.sort()).toEqual([`${CLUSTER}-ca/bootstrap`, `${CLUSTER}-ca/failed`, `${CLUSTER}-client-app/failed`]);
  });

  it("the new client's key cannot be read for the check (Key Vault 403): the renewal rolls back", async () => {
    const before = await snapshot();
    world.emulator.addFault({ match: { method: "GET", pathPattern: `/secrets/${CLUSTER}-client-app/[0-9a-f]{32}$` }, times: 1,
      response: { status: 403, body: { error: { code: "Forbidden", message: "The user does not have secrets get permission." } } } });
    const done = await rotate(world, CLUSTER, { scope: "client" });
    const created = await expectRolledBack(before, done, /verify: permanent: .*403 Forbidden/);
    expect(created).toEqual([`${CLUSTER}-client-app/failed`]);
  });

  it("Key Vault refuses to sign the new CA: rolls back, and the next CA rotation still succeeds", async () => {
    const before = await snapshot();
    world.emulator.addFault({ match: { method: "POST", pathPattern: `/keys/${CLUSTER}-ca/[0-9a-f]{32}/sign$` }, times: 1,
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
