// The `application/x-pkcs12` secret value (§5.11): a PFX with no password. Bags are unencrypted, like a
// `.pfx` exported without a password, and carry an HMAC-SHA256 integrity MAC keyed from the empty password so that
// OpenSSL (`PKCS12_parse`, Node's `tls` `pfx` option) and other readers accept it.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { explicit0, integer, nullValue, objectIdentifier as oid, octetString, sequence, set } from "./der.js";

const OID = {
  data: "1.2.840.113549.1.7.1",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  localKeyId: "1.2.840.113549.1.9.21",
  sha256: "2.16.840.1.101.3.4.2.1",
};

const MAC_ITERATIONS = 2048;

const dataContentInfo = (content: Buffer) => sequence(oid(OID.data), explicit0(octetString(content)));

/** RFC 7292 B.2 for ID 3 (MAC key); one SHA-256 block suffices for a 32-byte key. The empty password is BMPString "\0\0". */
function macKey(salt: Buffer): Buffer {
  const blockSize = 64;
  const repeat = (source: Buffer) => Buffer.concat(Array(Math.ceil(blockSize / source.length)).fill(source)).subarray(0, blockSize);
  let digest = Buffer.concat([Buffer.alloc(blockSize, 3), repeat(salt), repeat(Buffer.alloc(2))]);
  for (let i = 0; i < MAC_ITERATIONS; i++) digest = createHash("sha256").update(digest).digest();
  return digest;
}

/** `pkcs8` is omitted for a non-exportable key: the PFX then holds the certificates only. */
export function buildPfx(chainDer: Buffer[], pkcs8?: Buffer): Buffer {
  const [leaf] = chainDer;
  const localKeyId = leaf ? set(sequence(oid(OID.localKeyId), set(octetString(createHash("sha1").update(leaf).digest())))) : Buffer.alloc(0);
  const certBags = chainDer.map((der, i) => sequence(
    oid(OID.certBag),
    explicit0(sequence(oid(OID.x509Certificate), explicit0(octetString(der)))),
    i === 0 && pkcs8 ? localKeyId : Buffer.alloc(0),
  ));
  const safes = [dataContentInfo(sequence(...certBags))];
  if (pkcs8) safes.push(dataContentInfo(sequence(sequence(oid(OID.keyBag), explicit0(pkcs8), localKeyId))));
  const authenticatedSafe = sequence(...safes);
  const salt = randomBytes(8);
  const mac = createHmac("sha256", macKey(salt)).update(authenticatedSafe).digest();
  return sequence(
    integer(3),
    dataContentInfo(authenticatedSafe),
    sequence(sequence(sequence(oid(OID.sha256), nullValue), octetString(mac)), octetString(salt), integer(MAC_ITERATIONS)),
  );
}
