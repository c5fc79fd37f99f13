// Key Vault certificate activities of the rotation: read the inventory, start a new version, sign and
// merge it, set a version's stage. Each is safe to run twice (a merge that already happened returns
// the merged version; a start while one is pending returns the pending one).
import { randomBytes, X509Certificate } from "node:crypto";
import { versionsOf } from "../src/adapters/certificateInventory.js";
import { BOOTSTRAP_STAGE, versionInfo } from "../src/domain/certificateProfiles.js";
import { certificateTags } from "../src/domain/ids.js";
import type { CertificateStore, KeyAlgorithm, NewCertificatePolicy, PendingCertificate } from "../src/domain/keyVaultPorts.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { activities as A } from "../src/names.js";
import { defineActivity, PermanentProblem } from "./stepResult.js";

const CLOCK_SKEW_MS = 5 * 60_000;

export const readCertificateVersions = (adapters: AdaptersProvider) =>
  defineActivity(A.readCertificateVersions, "read certificate versions", async ({ names }) => {
    const { certificates } = await adapters();
    return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await versionsOf(certificates, name)] as const)));
  });

/** Starts a version unless one is pending already; answers the operation status. */
export const beginCertificateVersion = (adapters: AdaptersProvider) =>
  defineActivity(A.beginCertificateVersion, "begin certificate version", async ({ name, policy, tags }) => {
    const { certificates } = await adapters();
    const pending = await certificates.getPending(name);
    if (policy.issuer === "Self") return beginBootstrap(certificates, name, policy, tags, pending);
    if (pending?.status === "inProgress") return { status: pending.status };
    return { status: (await certificates.beginCreate(name, policy, tags)).status };
  });

/**
 * The first step of a CA generation: a Self version that makes the key (§5.12). Only an issuer-Unknown version can
 * be in progress here, i.e. a CA version a failed rotation began and never merged: it is cancelled, or no later CA
 * could ever start (Key Vault refuses a new version while one is pending, §5.3). Run twice (at-least-once), the
 * step must not make a second key: the Unknown version reuses the *latest* key, so signing with an older bootstrap
 * would leave a CA certificate whose self-signature does not verify.
 */
async function beginBootstrap(certificates: CertificateStore, name: string, policy: NewCertificatePolicy, tags: Record<string, string>,
  pending: PendingCertificate | undefined): Promise<{ status: string }> {
  if (pending?.status === "inProgress") await certificates.cancelPending(name);
  const latest = await certificates.getLatest(name);
  if (latest?.tags[certificateTags.stage] === BOOTSTRAP_STAGE && latest.certificateBase64 && sameKeyType(latest.certificateBase64, policy.key)) {
    return { status: "completed" };
  }
  return { status: (await certificates.beginCreate(name, policy, tags)).status };
}

export const readCertificateOperation = (adapters: AdaptersProvider) =>
  defineActivity(A.readCertificateOperation, "read certificate operation", async ({ name }) => {
    const pending = await (await adapters()).certificates.getPending(name);
    return { status: pending?.status ?? "none" };
  });

/** Signs the pending CSR through Key Vault and merges it; a repeat after the merge returns the version. */
export const signAndMergeCertificate = (adapters: AdaptersProvider) =>
  defineActivity(A.signAndMergeCertificate, "sign and merge certificate", async (input) => {
    const { certificates, signer } = await adapters();
    const pending = await certificates.getPending(input.name);
    if (pending?.status !== "inProgress") {
      const latest = await certificates.getLatest(input.name);
      if (!latest || latest.tags[certificateTags.stage] !== "pending") throw new PermanentProblem("NoPendingCertificate", `certificate ${input.name} has nothing to sign`);
      return versionInfo(latest);
    }
    const issuer = await certificates.getVersion(input.signer.name, input.signer.version);
    if (!issuer?.keyId || !issuer.certificateBase64) throw new PermanentProblem("SignerNotFound", `signer ${input.signer.name}/${input.signer.version} not found`);
    const now = Date.now();
    const notAfter = new Date(now);
    notAfter.setUTCMonth(notAfter.getUTCMonth() + input.validityMonths);
    // Loaded on first use: @peculiar/x509 is only needed when a certificate is signed.
    const { issueCertificate } = await import("../src/adapters/x509Issuer.js");
    const der = await issueCertificate(signer, {
      csrBase64: pending.csrBase64, profile: input.profile, serialNumberHex: randomBytes(16).toString("hex"),
      notBefore: new Date(now - CLOCK_SKEW_MS), notAfter,
      signer: { keyId: issuer.keyId, key: keyAlgorithmOf(issuer.certificateBase64) },
      ...(input.profile === "client" ? { issuerCertificateBase64: issuer.certificateBase64 } : {}),
    });
    const chain = input.profile === "client" ? [der, issuer.certificateBase64] : [der];
    return versionInfo(await certificates.mergePending(input.name, chain));
  });

export const setCertificateStage = (adapters: AdaptersProvider) =>
  defineActivity(A.setCertificateStage, "set certificate stage", async ({ name, version, stage }) => {
    const { certificates } = await adapters();
    const current = await certificates.getVersion(name, version);
    if (!current) throw new PermanentProblem("CertificateVersionNotFound", `certificate ${name}/${version} not found`);
    const { [certificateTags.stage]: _previous, ...others } = current.tags;
    if ((current.tags[certificateTags.stage] ?? null) === stage) return { changed: false };
    await certificates.setTags(name, version, stage === null ? others : { ...others, [certificateTags.stage]: stage });
    return { changed: true };
  });

function sameKeyType(certificateBase64: string, wanted: KeyAlgorithm): boolean {
  const have = keyAlgorithmOf(certificateBase64);
  return have.kty === "EC" ? wanted.kty === "EC" : wanted.kty === "RSA" && have.size === wanted.size;
}

/** The signing algorithm follows the signer's key, whatever the configuration says today. */
function keyAlgorithmOf(certificateBase64: string): KeyAlgorithm {
  const key = new X509Certificate(Buffer.from(certificateBase64, "base64")).publicKey;
  if (key.asymmetricKeyType === "ec") return { kty: "EC", curve: "P-256" };
  const size = key.asymmetricKeyDetails?.modulusLength;
  return { kty: "RSA", size: size === 3072 ? 3072 : 2048 };
}


/** Sets and removes phase tags on one version, keeping every other tag (Key Vault replaces the whole map, §5.7). */
export const tagCertificateVersion = (adapters: AdaptersProvider) =>
  defineActivity(A.tagCertificateVersion, "tag certificate version", async ({ name, version, set, remove }) => {
    const { certificates } = await adapters();
    const current = await certificates.getVersion(name, version);
    if (!current) throw new PermanentProblem("CertificateVersionNotFound", `certificate ${name}/${version} not found`);
    const next = Object.fromEntries(Object.entries({ ...current.tags, ...set }).filter(([tag]) => !remove.includes(tag) || tag in set));
    const same = Object.keys(next).length === Object.keys(current.tags).length && Object.entries(next).every(([k, v]) => current.tags[k] === v);
    if (same) return { changed: false };
    await certificates.setTags(name, version, next);
    return { changed: true };
  });
