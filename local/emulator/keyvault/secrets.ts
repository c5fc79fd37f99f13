// `/secrets…` (§5.11): certificate-backed secrets are views of certificate versions; plain secrets
// (`SecretClient.setSecret`) are stored values with versions and soft delete (SetSecret, GetSecret examples).
import type { EmulatorRequest, EmulatorResponse } from "../types.js";
import { objectAttributes, tagsMember } from "./bundle.js";
import { pageOf } from "./paging.js";
import { certificateSecret } from "./certificateSecrets.js";
import { deletedButRecoverable, disabledObject, KeyVaultError, objectNotFound } from "./errors.js";
import type { PlainSecretRecord, PlainSecretVersion, Tags } from "./model.js";
import { checkObjectName, newObjectVersion, type Vault } from "./vault.js";

interface SecretSet {
  value: string;
  contentType?: string;
  tags?: Tags;
  attributes?: { enabled?: boolean; nbf?: number; exp?: number };
}

function plainBundle(vault: Vault, record: PlainSecretRecord, version: PlainSecretVersion, withValue: boolean): Record<string, unknown> {
  return {
    ...(withValue ? { value: version.value } : {}),
    id: vault.url("secrets", record.name, version.version),
    ...(version.contentType !== undefined ? { contentType: version.contentType } : {}),
    attributes: objectAttributes(version),
    ...tagsMember(version.tags),
  };
}

function isLiveCertificate(vault: Vault, name: string): boolean {
  const record = vault.certificates.find(name);
  return Boolean(record && !record.deleted);
}

export function getSecret(vault: Vault, name: string, versionId?: string): EmulatorResponse {
  if (isLiveCertificate(vault, name)) return { status: 200, body: certificateSecret(vault, name, versionId) };
  const record = livePlainSecret(vault, name);
  const version = versionId ? record.versions.find((v) => v.version === versionId.toLowerCase()) : record.versions.at(-1);
  if (!version) throw objectNotFound("Secret", name, versionId);
  if (!version.enabled) throw disabledObject("get", "Secret");
  return { status: 200, body: plainBundle(vault, record, version, true) };
}

/** SecretItems (no value): certificate versions are `managed`, plain versions carry their tags. */
export function listSecretVersions(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  let items: Array<Record<string, unknown>>;
  if (isLiveCertificate(vault, name)) {
    const record = vault.liveCertificate(name, "Secret");
    items = record.versions.map((v) => ({
      id: vault.url("secrets", record.name, v.version),
      attributes: objectAttributes(v),
      contentType: v.contentType,
      managed: true,
    }));
  } else {
    const record = livePlainSecret(vault, name);
    items = record.versions.map((v) => plainBundle(vault, record, v, false));
  }
  return { status: 200, body: pageOf(vault, req, items) };
}

function livePlainSecret(vault: Vault, name: string): PlainSecretRecord {
  const record = vault.plainSecrets.find(name);
  if (!record || record.deleted) throw objectNotFound("Secret", name);
  return record;
}

export function setSecret(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  checkObjectName(name);
  if (vault.certificates.find(name)) {
    throw new KeyVaultError(409, "Conflict", `Secret ${name} is managed by a certificate and cannot be set directly.`);
  }
  const existing = vault.plainSecrets.find(name);
  if (existing?.deleted) throw deletedButRecoverable("Secret", name);
  const body = req.body as SecretSet;
  const now = vault.nowSeconds();
  const version: PlainSecretVersion = {
    version: newObjectVersion(),
    value: body.value,
    ...(body.contentType !== undefined ? { contentType: body.contentType } : {}),
    enabled: body.attributes?.enabled ?? true,
    ...(body.attributes?.nbf !== undefined ? { nbf: body.attributes.nbf } : {}),
    ...(body.attributes?.exp !== undefined ? { exp: body.attributes.exp } : {}),
    tags: body.tags ?? {},
    created: now,
    updated: now,
  };
  const record = existing ?? { name, versions: [] };
  record.versions.push(version);
  vault.plainSecrets.save(record);
  return { status: 200, body: plainBundle(vault, record, version, true) };
}

function deletedSecretBody(vault: Vault, record: PlainSecretRecord): Record<string, unknown> {
  const latest = record.versions.at(-1);
  return {
    recoveryId: vault.url("deletedsecrets", record.name),
    deletedDate: record.deleted?.deletedDate,
    scheduledPurgeDate: record.deleted?.scheduledPurgeDate,
    ...(latest ? plainBundle(vault, record, latest, false) : {}),
  };
}

/** A certificate's secret goes away only with its certificate. */
export function deleteSecret(vault: Vault, name: string): EmulatorResponse {
  if (isLiveCertificate(vault, name)) {
    throw new KeyVaultError(403, "Forbidden", `Secret ${name} backs a certificate; delete the certificate instead.`);
  }
  const record = livePlainSecret(vault, name);
  vault.plainSecrets.softDelete(record);
  return { status: 200, body: deletedSecretBody(vault, record) };
}

export function getDeletedSecret(vault: Vault, name: string): EmulatorResponse {
  return { status: 200, body: deletedSecretBody(vault, vault.plainSecrets.deleted(name)) };
}

export function purgeDeletedSecret(vault: Vault, name: string): EmulatorResponse {
  vault.plainSecrets.purge(name);
  return { status: 204 };
}

/** Like the service, the recovered secret comes back without its value. */
export function recoverDeletedSecret(vault: Vault, name: string): EmulatorResponse {
  const record = vault.plainSecrets.recover(name);
  const latest = record.versions.at(-1);
  return { status: 200, body: latest ? plainBundle(vault, record, latest, false) : {} };
}
