// Certificate versions: turning a certificate chain into a version of a key, and finding versions by id.
import { X509Certificate } from "node:crypto";
import { badParameter, certificateNotFound } from "./errors.js";
import { publicKeyOf } from "./keyMaterial.js";
import type { CertificateRecord, CertificateVersion, StoredKey, VersionProperties } from "./model.js";

/** The service's reply when no certificate in `x5c` carries the pending key ([3p] azure-powershell#24323). */
const NO_LEAF = "Unable to parse X5c certificate chain and locate leaf certificate";

function parseCertificate(derBase64: string): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(derBase64, "base64"));
  } catch {
    throw badParameter(NO_LEAF);
  }
}

export interface OrderedChain {
  x5c: string[];
  nbf: number;
  exp: number;
  subject: string;
}

/**
 * Finds the leaf, the certificate whose public key is `key`, and puts it first (Key Vault's default
 * `preserveCertOrder: false`). No such certificate → 400, which is what merge answers for a wrong key.
 */
export function orderChain(x5c: string[], key: StoredKey): OrderedChain {
  const publicKey = publicKeyOf(key);
  const parsed = x5c.map((der) => ({ der, cert: parseCertificate(der) }));
  const leaf = parsed.find(({ cert }) => cert.publicKey.equals(publicKey));
  if (!leaf) throw badParameter(NO_LEAF);
  return {
    x5c: [leaf.der, ...x5c.filter((der) => der !== leaf.der)],
    nbf: Math.floor(Date.parse(leaf.cert.validFrom) / 1000),
    exp: Math.floor(Date.parse(leaf.cert.validTo) / 1000),
    subject: leaf.cert.subject.split("\n").join(", "),
  };
}

export function versionFromChain(props: VersionProperties, x5c: string[]): CertificateVersion {
  return versionWithChain(props, orderChain(x5c, props.key));
}

export function versionWithChain(props: VersionProperties, chain: OrderedChain): CertificateVersion {
  // Picked one by one: `props` may be a pending operation, whose own fields do not belong on a version.
  const { version, key, exportable, contentType, enabled, tags, created, updated } = props;
  return { version, key, exportable, contentType, enabled, tags, created, updated, x5c: chain.x5c, nbf: chain.nbf, exp: chain.exp };
}

/** Whether a stored key can serve a new version asked for with `reuse_key` (same type and size). */
export function keyFits(key: StoredKey, wanted: Pick<StoredKey, "kty" | "crv" | "keySize">): boolean {
  return key.kty === wanted.kty && (key.kty === "EC" ? key.crv === wanted.crv : key.keySize === wanted.keySize);
}

/** `version` empty or absent means the latest completed version. */
export function findVersion(record: CertificateRecord, version: string | undefined, onMissing = certificateNotFound): CertificateVersion {
  const found = version
    ? record.versions.find((v) => v.version === version.toLowerCase())
    : record.versions[record.versions.length - 1];
  if (!found) throw onMissing(record.name, version);
  return found;
}
