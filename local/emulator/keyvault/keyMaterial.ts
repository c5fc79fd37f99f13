// Key pairs behind certificates: generation, and the views other modules need (JWK, SPKI, PEM, WebCrypto).
import { createPrivateKey, createPublicKey, generateKeyPair, webcrypto, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import type { CurveName, StoredKey } from "./model.js";

const generateKeyPairAsync = promisify(generateKeyPair);

export interface KeySpec {
  kty: "EC" | "RSA";
  crv?: CurveName;
  keySize?: number;
}

export async function generateStoredKey(spec: KeySpec): Promise<StoredKey> {
  const pair = spec.kty === "EC"
    ? await generateKeyPairAsync("ec", { namedCurve: spec.crv ?? "P-256" })
    : await generateKeyPairAsync("rsa", { modulusLength: spec.keySize ?? 2048, publicExponent: 0x10001 });
  return storedKeyOf(pair.privateKey);
}

/** Describes an existing private key (an imported one) the way generated keys are stored. */
export function storedKeyOf(privateKey: KeyObject): StoredKey {
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
  const details = privateKey.asymmetricKeyDetails ?? {};
  if (privateKey.asymmetricKeyType === "ec") {
    const crv = ({ prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" } as const)[details.namedCurve as "prime256v1"];
    if (!crv) throw new Error(`unsupported curve ${details.namedCurve}`);
    return { kty: "EC", crv, pkcs8 };
  }
  if (privateKey.asymmetricKeyType === "rsa") return { kty: "RSA", keySize: details.modulusLength, pkcs8 };
  throw new Error(`unsupported key type ${privateKey.asymmetricKeyType}`);
}

export const privateKeyOf = (key: StoredKey): KeyObject =>
  createPrivateKey({ key: Buffer.from(key.pkcs8, "base64"), format: "der", type: "pkcs8" });

export const publicKeyOf = (key: StoredKey): KeyObject => createPublicKey(privateKeyOf(key));

export const spkiOf = (key: StoredKey): Buffer => publicKeyOf(key).export({ type: "spki", format: "der" });

/** Public JWK members (kty, crv, x, y or n, e), base64url as JWA requires. */
export function publicJwkOf(key: StoredKey): Record<string, string> {
  const jwk = publicKeyOf(key).export({ format: "jwk" });
  return key.kty === "EC"
    ? { kty: "EC", crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y) }
    : { kty: "RSA", n: String(jwk.n), e: String(jwk.e) };
}

export const pkcs8Pem = (key: StoredKey): string =>
  privateKeyOf(key).export({ type: "pkcs8", format: "pem" }).toString();

/** The X.509 signature algorithm Key Vault uses for its own CSRs and self-signed certificates. */
export function x509SigningAlgorithm(key: StoredKey): webcrypto.RsaHashedImportParams | (webcrypto.EcKeyImportParams & { hash: string }) {
  if (key.kty === "RSA") return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const hash = { "P-256": "SHA-256", "P-384": "SHA-384", "P-521": "SHA-512" }[key.crv ?? "P-256"];
  return { name: "ECDSA", namedCurve: key.crv ?? "P-256", hash };
}

/** WebCrypto handles for @peculiar/x509, which signs through `crypto.subtle`. */
export async function webCryptoKeyPair(key: StoredKey): Promise<webcrypto.CryptoKeyPair> {
  const algorithm = x509SigningAlgorithm(key);
  const privateKey = await webcrypto.subtle.importKey("pkcs8", Buffer.from(key.pkcs8, "base64"), algorithm, false, ["sign"]);
  const publicKey = await webcrypto.subtle.importKey("spki", spkiOf(key), algorithm, true, ["verify"]);
  return { privateKey, publicKey };
}
