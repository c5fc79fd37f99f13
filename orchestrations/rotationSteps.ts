// Building blocks of the certificate rotation: new CA, new client certificate, trust changes awaited
// until the cluster has settled, mTLS verification with retries while a rolling restart finishes,
// and stage changes. All state lives in Key Vault tags and the cluster; these only sequence activities.
// What the certificates are (profiles, tags, bootstrap) is domain: src/domain/certificateProfiles.ts.
import type * as df from "durable-functions";
import type { CertificateRef, TrustChangeInput } from "../activities/contracts.js";
import { caCertificateName, clientCertificateName, stemOf } from "../src/domain/certificateNames.js";
import { BOOTSTRAP_STAGE, caPolicy, clientPolicy, newestBootstrap, stageTags, type CertificateInventory, type CertificateVersionInfo } from "../src/domain/certificateProfiles.js";
import { keyGeneration } from "../src/domain/retirement.js";
import { currentVersion, type VersionInfo } from "../src/domain/rotation.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { promotion } from "../src/domain/stages.js";
import { showsWritten } from "../src/domain/trustList.js";
import { activities as A } from "../src/names.js";
import { pollUntil } from "./polling.js";
import type { SagaProgress } from "./progress.js";
import { call, readBackRetry, StepFailed, type Gen } from "./steps.js";
import { atLeast } from "./timers.js";
import { writeTrust } from "./trustWrite.js";

type Ctx = df.OrchestrationContext;

/** A new CA generation: a Self version carrying a new non-exportable key, then the CA:TRUE certificate on it. */
export function* createCa(ctx: Ctx, plan: RotationPlan, progress: SagaProgress): Gen<CertificateVersionInfo> {
  const { clusterName } = plan.cluster;
  const name = caCertificateName(stemOf(plan));
  const tags = (stage: Parameters<typeof stageTags>[2]) => stageTags(plan.cluster, plan.managedByTag, stage);
  yield* call(ctx, "createCa", A.beginCertificateVersion, { name, policy: caPolicy(clusterName, plan.policy, "Self"), tags: tags(BOOTSTRAP_STAGE) });
  yield* pollUntil(ctx, progress, {
    step: "createCa", activity: A.readCertificateOperation, input: { name }, timing: plan.timing, waitingFor: `Key Vault to create the key of ${name}`,
    check: (op) => (op.status === "inProgress" ? "wait" : op.status === "completed" || op.status === "none" ? "done" : { fail: `key creation ${op.status}` }),
  });
  const versions = (yield* call(ctx, "createCa", A.readCertificateVersions, { names: [name] }))[name] ?? [];
  const bootstrap = newestBootstrap(versions);
  if (!bootstrap) throw new StepFailed("createCa", `no ${BOOTSTRAP_STAGE} version of ${name}`);
  // The key generation is the bootstrap's version (it made the key); clients issued under this CA carry it too.
  yield* call(ctx, "createCa", A.beginCertificateVersion,
    { name, policy: caPolicy(clusterName, plan.policy, "Unknown"), tags: stageTags(plan.cluster, plan.managedByTag, "pending", bootstrap.version) });
  return yield* call(ctx, "createCa", A.signAndMergeCertificate,
    { name, profile: "ca", validityMonths: plan.policy.caValidityMonths, signer: { name, version: bootstrap.version } });
}

/** A new client certificate version (exportable key, clientAuth) signed by the given CA version. */
export function* issueClient(ctx: Ctx, plan: RotationPlan, client: string, ca: VersionInfo): Gen<CertificateVersionInfo> {
  const { clusterName } = plan.cluster;
  const name = clientCertificateName(stemOf(plan), client);
  yield* call(ctx, "issueClients", A.beginCertificateVersion,
    { name, policy: clientPolicy(clusterName, client, plan.policy), tags: stageTags(plan.cluster, plan.managedByTag, "pending", keyGeneration(ca)) });
  return yield* call(ctx, "issueClients", A.signAndMergeCertificate, {
    name, profile: "client", validityMonths: plan.policy.clientValidityMonths, signer: { name: caCertificateName(stemOf(plan)), version: ca.version },
  });
}

/**
 * Changes clientCertificates and waits until the update (and its rolling restart) has settled and a read shows the
 * list written (read your own write: a read right after an update's LRO can be stale, see readClusterTrust), so
 * verification and the removal of old trust build on the list the cluster really has.
 */
export function* changeTrust(ctx: Ctx, plan: RotationPlan, progress: SagaProgress, step: string, change: Omit<TrustChangeInput, "cluster">): Gen<void> {
  const expected = yield* writeTrust(ctx, plan, progress, step, change);
  yield* pollUntil(ctx, progress, {
    step, activity: A.readClusterTrust, input: { ...plan.cluster, written: expected.thumbprints }, retry: readBackRetry, timing: plan.timing,
    waitingFor: `cluster ${plan.cluster.clusterName} to apply its new client certificates`,
    check: (t) => (t.provisioningState === "Failed" ? { fail: "the cluster update failed" }
      : t.provisioningState === "Succeeded" && showsWritten(t.thumbprints, expected.thumbprints) ? "done" : "wait"),
  });
}

/**
 * A rollback's trust change, written even when the list read already looks undone: after a write that was not read
 * back, that read may be the stale one (azure-rest-api-specs #19021) and the write it would undo may have landed.
 */
export const undoTrust = (ctx: Ctx, plan: RotationPlan, progress: SagaProgress, change: { add: CertificateRef[]; remove: string[] }): Gen<void> =>
  changeTrust(ctx, plan, progress, "rollback", { ...change, force: true });

/** mTLS + CQL to every node with each certificate; retried while a rolling restart may still be applying trust. */
export function* verifyClients(ctx: Ctx, plan: RotationPlan, progress: SagaProgress, step: string, certs: CertificateRef[]): Gen<{ ok: boolean; failures: string[] }> {
  let failures: string[] = [];
  for (let attempt = 1; attempt <= plan.timing.verifyAttempts; attempt++) {
    failures = [];
    for (const cert of certs) {
      const result = yield* call(ctx, step, A.verifyClientCertificate, { cluster: plan.cluster, ...cert });
      failures.push(...result.nodes.filter((n) => !n.ok).map((n) => `${cert.name} → ${n.address}: ${n.stage} ${n.reason}`));
    }
    if (!failures.length) return { ok: true, failures };
    if (attempt < plan.timing.verifyAttempts) {
      const next = atLeast(ctx, ctx.df.currentUtcDateTime.getTime() + plan.timing.pollIntervalMs);
      progress.waiting(`mTLS verification attempt ${attempt} of ${plan.timing.verifyAttempts} failed; retrying at ${next.toISOString()}`);
      yield ctx.df.createTimer(next);
    }
  }
  return { ok: false, failures };
}

/** Applies stage changes in the order that never leaves a certificate without a current version. */
export function* promote(ctx: Ctx, name: string, versions: VersionInfo[], pending: string): Gen<void> {
  for (const change of promotion(versions, pending)) {
    yield* call(ctx, "promote", A.setCertificateStage, { name, version: change.version, stage: change.stage ?? null });
  }
}

/**
 * Puts the current CA back when the cluster no longer trusts it (drift) and proves the current clients again.
 * Answers whether anything was repaired; a repair that does not verify fails the rotation.
 */
export function* repairTrust(ctx: Ctx, plan: RotationPlan, progress: SagaProgress, found: CertificateInventory): Gen<boolean> {
  const ca = currentVersion(found.ca);
  const trust = yield* call(ctx, "decide", A.readClusterTrust, plan.cluster);
  if (!ca || trust.thumbprints.includes(ca.thumbprint)) return false;
  progress.begin("repairTrust", { missing: ca.thumbprint });
  yield* changeTrust(ctx, plan, progress, "repairTrust", { add: [{ name: caCertificateName(stemOf(plan)), version: ca.version }], remove: [] });
  const current = Object.entries(found.clients).flatMap(([client, versions]) => {
    const v = currentVersion(versions);
    return v ? [{ name: clientCertificateName(stemOf(plan), client), version: v.version }] : [];
  });
  const verified = yield* verifyClients(ctx, plan, progress, "repairTrust", current);
  if (!verified.ok) throw new StepFailed("repairTrust", `current certificates still fail after restoring the CA: ${verified.failures.slice(0, 3).join("; ")}`);
  return true;
}

export function* markFailed(ctx: Ctx, cert: CertificateRef): Gen<void> {
  yield* call(ctx, "rollback", A.setCertificateStage, { ...cert, stage: "failed" });
}
