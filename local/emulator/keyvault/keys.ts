// `/keys/{n}/{v}` and `/keys/{n}/{v}/sign` (§5.13). Every key here backs a certificate version (same name and
// version); CryptographyClient GETs the key once, then POSTs the digest to sign.
import type { EmulatorRequest, EmulatorResponse } from "../types.js";
import { inProgress, objectAttributes } from "./bundle.js";
import { badParameter, disabledObject, objectNotFound } from "./errors.js";
import { publicJwkOf } from "./keyMaterial.js";
import type { CertificateRecord, VersionProperties } from "./model.js";
import { pageOf } from "./paging.js";
import { signDigest } from "./signDigest.js";
import { findVersion } from "./versions.js";
import type { Vault } from "./vault.js";

/** Operations Key Vault lists on certificate keys; the SDK refuses locally any operation missing here. */
const KEY_OPS = {
  EC: ["sign", "verify"],
  RSA: ["sign", "verify", "wrapKey", "unwrapKey", "encrypt", "decrypt"],
};

type KeyVersion = VersionProperties & { nbf?: number; exp?: number };

/**
 * A version awaiting merge already has its key (the CSR was made from it), but disabled: Microsoft's keyvault-ca
 * sample signs a new CA with an earlier, completed version's key instead (§5.12), so sign answers 403 here.
 */
function keyVersion(vault: Vault, name: string, versionId?: string): { record: CertificateRecord; version: KeyVersion } {
  const record = vault.liveCertificate(name, "Key");
  const pending = inProgress(record);
  if (pending && versionId?.toLowerCase() === pending.version) return { record, version: { ...pending, enabled: false } };
  return { record, version: findVersion(record, versionId, (n, v) => objectNotFound("Key", n, v)) };
}

export function getKey(vault: Vault, name: string, versionId?: string): EmulatorResponse {
  const { record, version } = keyVersion(vault, name, versionId);
  return {
    status: 200,
    body: {
      key: { kid: vault.url("keys", record.name, version.version), ...publicJwkOf(version.key), key_ops: KEY_OPS[version.key.kty] },
      attributes: objectAttributes(version),
      managed: true,
    },
  };
}

/** Completed versions only, like the certificate's versions list (KeyItem: kid, attributes, managed). */
export function listKeyVersions(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  const record = vault.liveCertificate(name, "Key");
  const items = record.versions.map((v) => ({ kid: vault.url("keys", record.name, v.version), attributes: objectAttributes(v), managed: true }));
  return { status: 200, body: pageOf(vault, req, items) };
}

/** `value` is the base64url digest; EC results are raw R||S, RSA results plain signatures, both base64url. */
export function sign(vault: Vault, req: EmulatorRequest, name: string, versionId: string): EmulatorResponse {
  const { record, version } = keyVersion(vault, name, versionId);
  if (!version.enabled) throw disabledObject("sign", "Key");
  const { alg, value } = (req.body ?? {}) as { alg?: string; value?: string };
  if (!alg || value === undefined) throw badParameter("Properties alg and value are required.");
  const signature = signDigest(version.key, alg, Buffer.from(value, "base64url"));
  return { status: 200, body: { kid: vault.url("keys", record.name, version.version), value: signature.toString("base64url") } };
}
