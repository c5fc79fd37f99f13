// `POST /keys/{n}/{v}/sign` receives a digest, not data (§5.13), and node:crypto only signs data (it would hash
// the digest again). So the three JWA signature schemes are applied to the pre-computed digest here.
import { constants, createECDH, createHash, privateEncrypt, randomBytes } from "node:crypto";
import { badParameter } from "./errors.js";
import { privateKeyOf } from "./keyMaterial.js";
import type { CurveName, StoredKey } from "./model.js";

type HashName = "sha256" | "sha384" | "sha512";
type Scheme = { kind: "ecdsa"; crv: CurveName } | { kind: "pkcs1" } | { kind: "pss" };

const SIGNATURE_ALGORITHMS: Record<string, { scheme: Scheme; hash: HashName }> = {
  ES256: { scheme: { kind: "ecdsa", crv: "P-256" }, hash: "sha256" },
  ES384: { scheme: { kind: "ecdsa", crv: "P-384" }, hash: "sha384" },
  ES512: { scheme: { kind: "ecdsa", crv: "P-521" }, hash: "sha512" },
  RS256: { scheme: { kind: "pkcs1" }, hash: "sha256" },
  RS384: { scheme: { kind: "pkcs1" }, hash: "sha384" },
  RS512: { scheme: { kind: "pkcs1" }, hash: "sha512" },
  PS256: { scheme: { kind: "pss" }, hash: "sha256" },
  PS384: { scheme: { kind: "pss" }, hash: "sha384" },
  PS512: { scheme: { kind: "pss" }, hash: "sha512" },
};

const DIGEST_LENGTH: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };

/** RFC 8017 §9.2 note 1: DER DigestInfo prefixes for EMSA-PKCS1-v1_5. */
const DIGEST_INFO_PREFIX: Record<HashName, string> = {
  sha256: "3031300d060960864801650304020105000420",
  sha384: "3041300d060960864801650304020205000430",
  sha512: "3051300d060960864801650304020305000440",
};

/** Group orders (FIPS 186-4 D.1.2) and OpenSSL names of the curves Key Vault certificates use. */
const CURVES: Record<CurveName, { openssl: string; order: bigint; bytes: number }> = {
  "P-256": { openssl: "prime256v1", bytes: 32, order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n },
  "P-384": { openssl: "secp384r1", bytes: 48, order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n },
  "P-521": { openssl: "secp521r1", bytes: 66, order: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n },
};

/** Signs `digest` with `alg`. EC signatures come back as raw R||S (IEEE P1363), which is what JWA specifies. */
export function signDigest(key: StoredKey, alg: string, digest: Buffer): Buffer {
  const algorithm = SIGNATURE_ALGORITHMS[alg];
  if (!algorithm) throw badParameter(`Algorithm ${alg} is not supported for sign by this vault.`);
  const { scheme, hash } = algorithm;
  if (digest.length !== DIGEST_LENGTH[hash]) {
    throw badParameter(`Invalid digest length for ${alg}: expected ${DIGEST_LENGTH[hash]} bytes, got ${digest.length}.`);
  }
  if (scheme.kind === "ecdsa") {
    if (key.kty !== "EC" || key.crv !== scheme.crv) throw incompatible(alg, key);
    return ecdsaSignDigest(key, scheme.crv, digest);
  }
  if (key.kty !== "RSA") throw incompatible(alg, key);
  return scheme.kind === "pkcs1"
    ? rsaPrivate(key, Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[hash], "hex"), digest]), constants.RSA_PKCS1_PADDING)
    : rsaPrivate(key, emsaPssEncode(digest, hash, modulusBits(key) - 1), constants.RSA_NO_PADDING);
}

const incompatible = (alg: string, key: StoredKey) =>
  badParameter(`Key and signing algorithm are incompatible: ${alg} cannot be used with a ${key.kty}${key.crv ? ` ${key.crv}` : ""} key.`);

const toBigInt = (bytes: Buffer): bigint => (bytes.length ? BigInt(`0x${bytes.toString("hex")}`) : 0n);
const toBytes = (value: bigint, length: number): Buffer => Buffer.from(value.toString(16).padStart(length * 2, "0"), "hex");

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let b = base % modulus, e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus) {
    if (e & 1n) result = (result * b) % modulus;
  }
  return result;
}

/**
 * ECDSA (FIPS 186-4 §6.4) over a given digest. The point k·G comes from OpenSSL through ECDH (its "public key"
 * for private key k); the rest is arithmetic mod n. Not constant-time, which is acceptable for an emulator.
 */
function ecdsaSignDigest(key: StoredKey, crv: CurveName, digest: Buffer): Buffer {
  const { openssl, order, bytes } = CURVES[crv];
  const d = toBigInt(Buffer.from(String(privateKeyOf(key).export({ format: "jwk" }).d), "base64url"));
  const orderBits = order.toString(2).length;
  const excessBits = digest.length * 8 - orderBits;
  const z = excessBits > 0 ? toBigInt(digest) >> BigInt(excessBits) : toBigInt(digest);
  for (;;) {
    const k = toBigInt(randomBytes(bytes)) >> BigInt(bytes * 8 - orderBits);
    if (k === 0n || k >= order) continue;
    const ecdh = createECDH(openssl);
    ecdh.setPrivateKey(toBytes(k, bytes));
    const r = toBigInt(ecdh.getPublicKey().subarray(1, 1 + bytes)) % order;
    const s = (modPow(k, order - 2n, order) * ((z + r * d) % order)) % order;
    if (r !== 0n && s !== 0n) return Buffer.concat([toBytes(r, bytes), toBytes(s, bytes)]);
  }
}

function modulusBits(key: StoredKey): number {
  return key.keySize ?? privateKeyOf(key).asymmetricKeyDetails?.modulusLength ?? 2048;
}

function rsaPrivate(key: StoredKey, block: Buffer, padding: number): Buffer {
  const modulusBytes = Math.ceil(modulusBits(key) / 8);
  const input = padding === constants.RSA_NO_PADDING ? Buffer.concat([Buffer.alloc(modulusBytes - block.length), block]) : block;
  return privateEncrypt({ key: privateKeyOf(key), padding }, input);
}

function mgf1(seed: Buffer, length: number, hash: HashName): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * DIGEST_LENGTH[hash] < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(createHash(hash).update(seed).update(c).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with MGF1 and salt length = hash length, as JWA PS256/384/512 require. */
function emsaPssEncode(mHash: Buffer, hash: HashName, emBits: number): Buffer {
  const hLen = DIGEST_LENGTH[hash];
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(hLen);
  const h = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(h, emLen - hLen - 1, hash);
  const maskedDb = Buffer.from(db.map((byte, i) => byte ^ (mask[i] ?? 0)));
  maskedDb[0] = (maskedDb[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  return Buffer.concat([maskedDb, h, Buffer.from([0xbc])]);
}
