// The secret behind each certificate version (§5.11): PEM or PFX per the version's content type. A
// non-exportable key is left out of the value ("the private key isn't a part of the value when it's retrieved
// as a secret", Key Vault docs), so only the certificate chain comes back.
import { objectAttributes } from "./bundle.js";
import { disabledObject, objectNotFound } from "./errors.js";
import { pkcs8Pem } from "./keyMaterial.js";
import type { CertificateVersion } from "./model.js";
import { buildPfx } from "./pkcs12.js";
import { PEM_CONTENT_TYPE } from "./policy.js";
import { findVersion } from "./versions.js";
import type { Vault } from "./vault.js";

const certificatePem = (derBase64: string): string =>
  `-----BEGIN CERTIFICATE-----\n${derBase64.match(/.{1,64}/g)?.join("\n")}\n-----END CERTIFICATE-----\n`;

/** PEM: the PKCS#8 private key first, then the chain leaf first (the order real secrets show [3p], §10). */
export function secretValue(version: CertificateVersion): string {
  if (version.contentType === PEM_CONTENT_TYPE) {
    return (version.exportable ? pkcs8Pem(version.key) : "") + version.x5c.map(certificatePem).join("");
  }
  const chain = version.x5c.map((der) => Buffer.from(der, "base64"));
  return buildPfx(chain, version.exportable ? Buffer.from(version.key.pkcs8, "base64") : undefined).toString("base64");
}

/** `GET /secrets/{n}/{v}` for a certificate: `managed: true` and `kid` mark it as certificate-backed. */
export function certificateSecret(vault: Vault, name: string, versionId?: string): Record<string, unknown> {
  const record = vault.liveCertificate(name, "Secret");
  const version = findVersion(record, versionId, (n, v) => objectNotFound("Secret", n, v));
  if (!version.enabled) throw disabledObject("get", "Secret");
  return {
    value: secretValue(version),
    contentType: version.contentType,
    id: vault.url("secrets", record.name, version.version),
    attributes: objectAttributes(version),
    kid: vault.url("keys", record.name, version.version),
    managed: true,
  };
}
