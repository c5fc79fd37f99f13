// Building blocks of the certificate rotation: new CA, new client certificate, trust changes awaited
// until the cluster has settled, mTLS verification with retries while a rolling restart finishes,
// and stage changes. All state lives in Key Vault tags and the cluster; these only sequence activities.
import type * as df from "durable-functions";
import type { CertificateVersionInfo } from "../activities/certificates.activity.js";
import type { CertificateInventory } from "../activities/inventory.activity.js";
import type { StepResult } from "../activities/stepResult.js";
import type { NodeCheck } from "../activities/verify.activity.js";
import type { KeyAlgorithm, NewCertificatePolicy } from "../src/adapters/keyVaultPorts.js";
import { BOOTSTRAP_STAGE, caCertificateName, caSubject, certificateTags, clientCertificateName, clientSubject, clusterIdOf } from "../src/domain/certificateNames.js";
import { currentVersion, type VersionInfo } from "../src/domain/rotation.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { promotion } from "../src/domain/stages.js";
import { activities as A } from "../src/names.js";
import { pollUntil } from "./polling.js";
import type { SagaProgress } from "./progress.js";
import { StepFailed, transientRetry, unwrap } from "./steps.js";

export type Ctx = df.OrchestrationContext;
type Gen<T> = Generator<df.Task, T, unknown>;

export function* call<T>(ctx: Ctx, step: string, activity: string, input: unknown): Gen<T> {
  return unwrap((yield ctx.df.callActivityWithRetry(activity, transientRetry, input)) as StepResult<T>, step);
}

const keyOf = (plan: RotationPlan): KeyAlgorithm =>
  plan.policy.keyType === "EC-P256" ? { kty: "EC", curve: "P-256" } : { kty: "RSA", size: plan.policy.keyType === "RSA-3072" ? 3072 : 2048 };

const tagsFor = (plan: RotationPlan, stage: string) =>
  ({ [certificateTags.stage]: stage, [certificateTags.cluster]: clusterIdOf(plan.cluster), [certificateTags.managedBy]: plan.managedByTag });

/** A new CA generation: a Self version carrying a new non-exportable key, then the CA:TRUE certificate on it. */
export function* createCa(ctx: Ctx, plan: RotationPlan, progress: SagaProgress): Gen<CertificateVersionInfo> {
  const name = caCertificateName(plan.cluster.clusterName);
  const policy = (issuer: "Self" | "Unknown"): NewCertificatePolicy => ({
    issuer, subject: caSubject(plan.cluster.clusterName), key: keyOf(plan), exportable: false, reuseKey: issuer === "Unknown",
    validityMonths: plan.policy.caValidityMonths, keyUsage: ["keyCertSign", "cRLSign", "digitalSignature"], extendedKeyUsage: [],
  });
  yield* call(ctx, "createCa", A.beginCertificateVersion, { name, policy: policy("Self"), tags: tagsFor(plan, BOOTSTRAP_STAGE) });
  yield* pollUntil<unknown, { status: string }>(ctx, progress, {
    step: "createCa", activity: A.readCertificateOperation, input: { name }, timing: plan.timing, waitingFor: `Key Vault to create the key of ${name}`,
    check: (op) => (op.status === "inProgress" ? "wait" : op.status === "completed" || op.status === "none" ? "done" : { fail: `key creation ${op.status}` }),
  });
  const versions = (yield* call<Record<string, CertificateVersionInfo[]>>(ctx, "createCa", A.readCertificateVersions, { names: [name] }))[name] ?? [];
  // The newest bootstrap: its key is the one the next (reuseKey) version takes. Versions are listed oldest first, so on
  // equal notBefore (same second) the later one in the list wins.
  const bootstrap = versions.map((v, order) => ({ v, order })).filter(({ v }) => v.rawStage === BOOTSTRAP_STAGE)
    .sort((a, b) => Date.parse(b.v.notBefore ?? "") - Date.parse(a.v.notBefore ?? "") || b.order - a.order)[0]?.v;
  if (!bootstrap) throw new StepFailed("createCa", `no ${BOOTSTRAP_STAGE} version of ${name}`);
  yield* call(ctx, "createCa", A.beginCertificateVersion, { name, policy: policy("Unknown"), tags: tagsFor(plan, "pending") });
  return yield* call<CertificateVersionInfo>(ctx, "createCa", A.signAndMergeCertificate,
    { name, profile: "ca", validityMonths: plan.policy.caValidityMonths, signer: { name, version: bootstrap.version } });
}

/** A new client certificate version (exportable key, clientAuth) signed by the given CA version. */
export function* issueClient(ctx: Ctx, plan: RotationPlan, client: string, ca: VersionInfo): Gen<CertificateVersionInfo> {
  const name = clientCertificateName(plan.cluster.clusterName, client);
  const policy: NewCertificatePolicy = {
    issuer: "Unknown", subject: clientSubject(plan.cluster.clusterName, client), key: keyOf(plan), exportable: true,
    validityMonths: plan.policy.clientValidityMonths, keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"],
  };
  yield* call(ctx, "issueClients", A.beginCertificateVersion, { name, policy, tags: tagsFor(plan, "pending") });
  return yield* call<CertificateVersionInfo>(ctx, "issueClients", A.signAndMergeCertificate, {
    name, profile: "client", validityMonths: plan.policy.clientValidityMonths, signer: { name: caCertificateName(plan.cluster.clusterName), version: ca.version },
  });
}

/** Changes clientCertificates and waits until the update (and its rolling restart) has settled. */
export function* changeTrust(ctx: Ctx, plan: RotationPlan, progress: SagaProgress, step: string, change: { add: Array<{ name: string; version: string }>; remove: string[] }): Gen<void> {
  const expected = yield* call<{ thumbprints: string[] }>(ctx, step, A.updateClusterTrust, { cluster: plan.cluster, ...change });
  yield* pollUntil<unknown, { provisioningState: string; thumbprints: string[] }>(ctx, progress, {
    step, activity: A.readClusterTrust, input: plan.cluster, timing: plan.timing, waitingFor: `cluster ${plan.cluster.clusterName} to apply its new client certificates`,
    check: (t) => (t.provisioningState === "Failed" ? { fail: "the cluster update failed" }
      : t.provisioningState === "Succeeded" && sameSet(t.thumbprints, expected.thumbprints) ? "done" : "wait"),
  });
}

/** The cluster shows exactly the list written: what was added is there and what was removed is gone. */
const sameSet = (a: string[], b: string[]) => a.length === b.length && b.every((x) => a.includes(x));

/** mTLS + CQL to every node with each certificate; retried while a rolling restart may still be applying trust. */
export function* verifyClients(ctx: Ctx, plan: RotationPlan, progress: SagaProgress, step: string, certs: Array<{ name: string; version: string }>): Gen<{ ok: boolean; failures: string[] }> {
  let failures: string[] = [];
  for (let attempt = 1; attempt <= plan.timing.verifyAttempts; attempt++) {
    failures = [];
    for (const cert of certs) {
      const result = yield* call<{ ok: boolean; nodes: NodeCheck[] }>(ctx, step, A.verifyClientCertificate, { cluster: plan.cluster, ...cert });
      failures.push(...result.nodes.filter((n) => !n.ok).map((n) => `${cert.name} → ${n.address}: ${n.stage} ${n.reason}`));
    }
    if (!failures.length) return { ok: true, failures };
    if (attempt < plan.timing.verifyAttempts) {
      const next = new Date(ctx.df.currentUtcDateTime.getTime() + plan.timing.pollIntervalMs);
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
  const trust = yield* call<{ thumbprints: string[] }>(ctx, "decide", A.readClusterTrust, plan.cluster);
  if (!ca || trust.thumbprints.includes(ca.thumbprint)) return false;
  progress.begin("repairTrust", { missing: ca.thumbprint });
  yield* changeTrust(ctx, plan, progress, "repairTrust", { add: [{ name: caCertificateName(plan.cluster.clusterName), version: ca.version }], remove: [] });
  const current = Object.entries(found.clients).flatMap(([client, versions]) => {
    const v = currentVersion(versions);
    return v ? [{ name: clientCertificateName(plan.cluster.clusterName, client), version: v.version }] : [];
  });
  const verified = yield* verifyClients(ctx, plan, progress, "repairTrust", current);
  if (!verified.ok) throw new StepFailed("repairTrust", `current certificates still fail after restoring the CA: ${verified.failures.slice(0, 3).join("; ")}`);
  return true;
}

export function* markFailed(ctx: Ctx, certs: Array<{ name: string; version: string }>): Gen<void> {
  for (const cert of certs) yield* call(ctx, "rollback", A.setCertificateStage, { ...cert, stage: "failed" });
}
