// What the app's certificates are: the CA (non-exportable key, keyCertSign) and the client certificates
// (exportable key, clientAuth), their key types, and the stage tags on their Key Vault versions. The CA's
// first version of a generation is a `bootstrap` (issuer Self) that only carries the new key: a version
// awaiting merge cannot sign yet, so the CA:TRUE certificate is the next version, which reuses that key
// (azure-rest.md §5.12, architecture.md "Certificates and Key Vault").
import { caSubject, clientSubject } from "./certificateNames.js";
import { certificateTags, clusterIdOf, type ClusterRef } from "./ids.js";
import type { CertificateVersion, KeyAlgorithm, NewCertificatePolicy } from "./keyVaultPorts.js";
import type { Stage, VersionInfo } from "./rotation.js";
import type { KeyType, RotationPolicySettings } from "./rotationPlan.js";

/** A CA version that only carries the new key; the CA:TRUE certificate is the next version (§5.12). */
export const BOOTSTRAP_STAGE = "bootstrap";

/** id-kp-clientAuth (RFC 5280 §4.2.1.12): what the nodes require of a client certificate. */
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

const STAGES = new Set<string>(["pending", "current", "previous", "failed"]);

export function keyAlgorithm(keyType: KeyType): KeyAlgorithm {
  return keyType === "EC-P256" ? { kty: "EC", curve: "P-256" } : { kty: "RSA", size: keyType === "RSA-3072" ? 3072 : 2048 };
}

/** The CA of a generation: Self for the bootstrap that makes the key, Unknown (same key) for the CA certificate. */
export function caPolicy(clusterName: string, policy: RotationPolicySettings, issuer: "Self" | "Unknown"): NewCertificatePolicy {
  return {
    issuer, subject: caSubject(clusterName), key: keyAlgorithm(policy.keyType), exportable: false, reuseKey: issuer === "Unknown",
    validityMonths: policy.caValidityMonths, keyUsage: ["keyCertSign", "cRLSign", "digitalSignature"], extendedKeyUsage: [],
  };
}

/** A client certificate: the key is exportable so its user can fetch it; signed by the CA through Key Vault. */
export function clientPolicy(clusterName: string, client: string, policy: RotationPolicySettings): NewCertificatePolicy {
  return {
    issuer: "Unknown", subject: clientSubject(clusterName, client), key: keyAlgorithm(policy.keyType), exportable: true,
    validityMonths: policy.clientValidityMonths, keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: [CLIENT_AUTH],
  };
}

/** The tags of a new version: its stage, the cluster it belongs to, and that this app manages it. */
export function stageTags(cluster: ClusterRef, managedByTag: string, stage: Stage | typeof BOOTSTRAP_STAGE, caKey?: string): Record<string, string> {
  return { [certificateTags.stage]: stage, [certificateTags.cluster]: clusterIdOf(cluster), [certificateTags.managedBy]: managedByTag,
    ...(caKey ? { [certificateTags.caKey]: caKey } : {}) };
}

export interface CertificateVersionInfo extends VersionInfo {
  /** The stage tag as found, also when it is not a rotation stage (e.g. bootstrap). */
  rawStage?: string;
}

/** Every version of a cluster's CA and of each of its client certificates. */
export interface CertificateInventory {
  ca: CertificateVersionInfo[];
  clients: Record<string, CertificateVersionInfo[]>;
  /** The stem the cluster's certificates are named with (certificateNames.ts); absent in inventories recorded before
   * issue 11, whose rotations named them after the cluster alone. */
  stem?: string;
}

export function versionInfo(v: CertificateVersion): CertificateVersionInfo {
  const raw = v.tags[certificateTags.stage];
  const tag = (name: string) => v.tags[name];
  const failures = Number(tag(certificateTags.failures));
  return {
    version: v.version, thumbprint: v.thumbprint, notBefore: v.notBefore, notAfter: v.notAfter,
    stage: raw && STAGES.has(raw) ? (raw as Stage) : undefined, ...(raw ? { rawStage: raw } : {}),
    ...(tag(certificateTags.retireAt) ? { retireAt: tag(certificateTags.retireAt) } : {}),
    ...(tag(certificateTags.caKey) ? { caKey: tag(certificateTags.caKey) } : {}),
    ...(Number.isInteger(failures) && failures > 0 ? { failures } : {}),
    ...(tag(certificateTags.lastFailure) ? { lastFailure: tag(certificateTags.lastFailure) } : {}),
    ...(tag(certificateTags.nextAttemptAt) ? { nextAttemptAt: tag(certificateTags.nextAttemptAt) } : {}),
  };
}

/**
 * The newest bootstrap version: its key is the one the next (reuseKey) version takes. Versions are listed oldest
 * first, so on equal notBefore (same second) the later one in the list wins.
 */
export function newestBootstrap(versions: CertificateVersionInfo[]): CertificateVersionInfo | undefined {
  return versions.map((v, order) => ({ v, order })).filter(({ v }) => v.rawStage === BOOTSTRAP_STAGE)
    .sort((a, b) => Date.parse(b.v.notBefore ?? "") - Date.parse(a.v.notBefore ?? "") || b.order - a.order)[0]?.v;
}
