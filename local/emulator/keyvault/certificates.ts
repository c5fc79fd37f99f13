// Reading and updating certificates: latest, versions, policy, tags/attributes (§5.2, §5.4, §5.5, §5.7, §5.8).
import type { EmulatorRequest, EmulatorResponse } from "../types.js";
import { certificateBundle, certificateItem, latestBundle, latestVersion } from "./bundle.js";
import type { Tags } from "./model.js";
import { mergePolicy, policyWire, type PolicyInput } from "./policy.js";
import { pageOf } from "./paging.js";
import { findVersion } from "./versions.js";
import type { Vault } from "./vault.js";

export function getLatest(vault: Vault, name: string): EmulatorResponse {
  return { status: 200, body: latestBundle(vault, vault.liveCertificate(name)) };
}

/** A specific version comes without the policy (GetCertificate with a version). */
export function getVersion(vault: Vault, name: string, version: string): EmulatorResponse {
  const record = vault.liveCertificate(name);
  return { status: 200, body: certificateBundle(vault, record, findVersion(record, version)) };
}

interface CertificateUpdate {
  attributes?: { enabled?: boolean };
  tags?: Tags;
  policy?: PolicyInput;
}

/** `tags` replaces the whole tag set (UpdateCertificate example); `attributes.enabled` also governs the key and secret. */
export function updateCertificate(vault: Vault, req: EmulatorRequest, name: string, version?: string): EmulatorResponse {
  const record = vault.liveCertificate(name);
  const target = findVersion(record, version);
  const update = (req.body ?? {}) as CertificateUpdate;
  const now = vault.nowSeconds();
  if (update.tags) target.tags = { ...update.tags };
  if (update.attributes?.enabled !== undefined) target.enabled = update.attributes.enabled;
  if (update.policy) {
    record.policy = mergePolicy(record.policy, update.policy);
    record.policyUpdated = now;
  }
  target.updated = now;
  vault.certificates.save(record);
  return { status: 200, body: version ? certificateBundle(vault, record, target) : latestBundle(vault, record) };
}

export function getPolicy(vault: Vault, name: string): EmulatorResponse {
  const record = vault.liveCertificate(name);
  return { status: 200, body: policyWire(record, vault.url("certificates", record.name)) };
}

export function updatePolicy(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  const record = vault.liveCertificate(name);
  record.policy = mergePolicy(record.policy, (req.body ?? {}) as PolicyInput);
  record.policyUpdated = vault.nowSeconds();
  vault.certificates.save(record);
  return getPolicy(vault, name);
}

/** Completed versions, oldest first; a version still awaiting merge has no certificate to list. */
export function listVersions(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  const record = vault.liveCertificate(name);
  return { status: 200, body: pageOf(vault, req, record.versions.map((v) => certificateItem(vault, record, v, true))) };
}

/** `GET /certificates`: one item per live certificate that has a completed version, named without a version. */
export function listCertificates(vault: Vault, req: EmulatorRequest): EmulatorResponse {
  const items = vault.certificates.all().flatMap((record) => {
    const latest = record.deleted ? undefined : latestVersion(record);
    return latest ? [certificateItem(vault, record, latest, false)] : [];
  });
  return { status: 200, body: pageOf(vault, req, items) };
}
