// Wire encodings of certificates (§5.4): `cer` base64 DER, `x5t` base64url SHA-1 without padding, Unix seconds,
// attributes with the vault's recovery level, and the policy with its id on the latest bundle only.
import { createHash } from "node:crypto";
import type { CertificateOperationRecord, CertificateRecord, CertificateVersion, Tags } from "./model.js";
import { policyWire } from "./policy.js";
import { RECOVERABLE_DAYS } from "./namedRecords.js";
import { RECOVERY_LEVEL, type Vault } from "./vault.js";

type Body = Record<string, unknown>;

export const x5tOf = (derBase64: string): string =>
  createHash("sha1").update(Buffer.from(derBase64, "base64")).digest("base64url");

/** Attributes as certificates, keys and secrets report them. */
export function objectAttributes(a: { enabled: boolean; nbf?: number; exp?: number; created: number; updated: number }): Body {
  return {
    enabled: a.enabled,
    ...(a.nbf !== undefined ? { nbf: a.nbf } : {}),
    ...(a.exp !== undefined ? { exp: a.exp } : {}),
    created: a.created,
    updated: a.updated,
    recoveryLevel: RECOVERY_LEVEL,
    recoverableDays: RECOVERABLE_DAYS,
  };
}

/** Key Vault leaves `tags` out when an object has none (GetCertificateVersions example). */
export const tagsMember = (tags: Tags): Body => (Object.keys(tags).length ? { tags } : {});

export function latestVersion(record: CertificateRecord): CertificateVersion | undefined {
  return record.versions[record.versions.length - 1];
}

export const inProgress = (record: CertificateRecord): CertificateOperationRecord | undefined =>
  record.operation?.status === "inProgress" ? record.operation : undefined;

export function certificateBundle(vault: Vault, record: CertificateRecord, version: CertificateVersion): Body {
  const leaf = version.x5c[0] ?? "";
  return {
    id: vault.url("certificates", record.name, version.version),
    kid: vault.url("keys", record.name, version.version),
    sid: vault.url("secrets", record.name, version.version),
    x5t: x5tOf(leaf),
    cer: leaf,
    attributes: objectAttributes(version),
    ...tagsMember(version.tags),
  };
}

/** `GET /certificates/{n}/`: the latest completed version with the policy, or the pending version if that is all there is. */
export function latestBundle(vault: Vault, record: CertificateRecord): Body {
  const certificateUrl = vault.url("certificates", record.name);
  const latest = latestVersion(record);
  const pending = inProgress(record);
  const base = latest ? certificateBundle(vault, record, latest) : pendingVersionBundle(vault, record);
  return {
    ...base,
    policy: policyWire(record, certificateUrl),
    ...(pending ? { pending: { id: `${certificateUrl}/pending` } } : {}),
  };
}

/** A version awaiting merge has a key but no certificate yet, hence no `sid`, `cer` or `x5t`, and is disabled. */
function pendingVersionBundle(vault: Vault, record: CertificateRecord): Body {
  const op = record.operation;
  if (!op) throw new Error(`certificate ${record.name} has neither versions nor an operation`);
  return {
    id: vault.url("certificates", record.name, op.version),
    kid: vault.url("keys", record.name, op.version),
    attributes: objectAttributes({ enabled: false, created: op.created, updated: op.updated }),
    ...tagsMember(op.tags),
  };
}

export function deletedBundle(vault: Vault, record: CertificateRecord): Body {
  return {
    recoveryId: vault.url("deletedcertificates", record.name),
    deletedDate: record.deleted?.deletedDate,
    scheduledPurgeDate: record.deleted?.scheduledPurgeDate,
    ...latestBundle(vault, record),
  };
}

/** List items: `GET /certificates` names the certificate, `…/versions` names each version. */
export function certificateItem(vault: Vault, record: CertificateRecord, version: CertificateVersion, versioned: boolean): Body {
  return {
    id: vault.url("certificates", record.name, versioned ? version.version : undefined),
    x5t: x5tOf(version.x5c[0] ?? ""),
    attributes: objectAttributes(version),
    ...tagsMember(version.tags),
  };
}

const MERGE_DETAILS = "Pending certificate created. Please Perform Merge to complete the request.";

/** The pending-operation document (§5.3, GetCertificateOperation example). */
export function operationWire(vault: Vault, record: CertificateRecord, op: CertificateOperationRecord): Body {
  return {
    id: `${vault.url("certificates", record.name)}/pending`,
    issuer: { name: op.issuerName },
    csr: op.csr,
    cancellation_requested: op.cancellationRequested,
    status: op.status,
    ...(op.status === "inProgress" ? { status_details: MERGE_DETAILS } : {}),
    ...(op.status === "completed" ? { target: vault.url("certificates", record.name) } : {}),
    request_id: op.requestId,
  };
}
