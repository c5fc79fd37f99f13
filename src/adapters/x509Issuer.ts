// Builds CA and client certificates from Key Vault CSRs with @peculiar/x509 and signs them through a
// Key Vault key: the generator's WebCrypto `sign` is routed to KeySigner.signDigest, so no private key
// is ever in this process. Key Vault's EC signatures are raw R||S (JWA), the form WebCrypto returns,
// which @peculiar/x509 converts to the DER ECDSA-Sig-Value X.509 needs (azure-rest.md §5.13).
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import type { KeyAlgorithm, KeySigner, SignatureAlgorithm } from "../domain/keyVaultPorts.js";

export interface SigningKey {
  /** Key Vault key id with version. */
  keyId: string;
  key: KeyAlgorithm;
}

export interface IssueRequest {
  /** The CSR Key Vault generated for the new version (base64 DER): its subject and public key are used. */
  csrBase64: string;
  profile: "ca" | "client";
  serialNumberHex: string;
  notBefore: Date;
  notAfter: Date;
  /** The signer: for a CA, its own key (self-signed); for a client, the CA's current key and certificate. */
  signer: SigningKey;
  /** Issuer certificate (base64 DER) for a client; absent for a self-signed CA. */
  issuerCertificateBase64?: string;
}

type WebCrypto = typeof webcrypto;

const ALGORITHMS: Record<KeyAlgorithm["kty"], { jwa: SignatureAlgorithm; webcrypto: webcrypto.Algorithm & { hash: string } }> = {
  EC: { jwa: "ES256", webcrypto: { name: "ECDSA", hash: "SHA-256" } },
  RSA: { jwa: "RS256", webcrypto: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } },
};

function keyVaultCrypto(signer: KeySigner, key: SigningKey): WebCrypto {
  const { jwa } = ALGORITHMS[key.key.kty];
  const subtle = Object.create(webcrypto.subtle) as webcrypto.SubtleCrypto;
  subtle.sign = async (_algorithm: unknown, _key: unknown, data: webcrypto.BufferSource) => {
    const digest = new Uint8Array(await webcrypto.subtle.digest("SHA-256", data));
    const signature = await signer.signDigest(key.keyId, jwa, digest);
    return signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.byteLength) as ArrayBuffer;
  };
  return { subtle, getRandomValues: webcrypto.getRandomValues.bind(webcrypto) } as unknown as WebCrypto;
}

/** Stands for the Key Vault key in the generator: only its algorithm is read. */
function remoteKey(key: KeyAlgorithm): webcrypto.CryptoKey {
  const algorithm = key.kty === "EC"
    ? { name: "ECDSA", namedCurve: key.curve }
    : { name: "RSASSA-PKCS1-v1_5", hash: { name: "SHA-256" }, modulusLength: key.size };
  return { algorithm, type: "private", extractable: false, usages: ["sign"] } as unknown as webcrypto.CryptoKey;
}

async function extensionsFor(req: IssueRequest, csr: x509.Pkcs10CertificateRequest): Promise<x509.Extension[]> {
  const subjectKeyId = await x509.SubjectKeyIdentifierExtension.create(csr.publicKey, false, webcrypto);
  if (req.profile === "ca") {
    return [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      subjectKeyId,
      new x509.AuthorityKeyIdentifierExtension(subjectKeyId.keyId),
    ];
  }
  const issuer = new x509.X509Certificate(Buffer.from(req.issuerCertificateBase64 ?? "", "base64"));
  const issuerKeyId = issuer.getExtension(x509.SubjectKeyIdentifierExtension);
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    subjectKeyId,
    ...(issuerKeyId ? [new x509.AuthorityKeyIdentifierExtension(issuerKeyId.keyId)] : []),
  ];
}

/** Signs the CSR's public key into a certificate; returns base64 DER. Refuses a CSR that does not verify. */
export async function issueCertificate(signer: KeySigner, req: IssueRequest): Promise<string> {
  const csr = new x509.Pkcs10CertificateRequest(Buffer.from(req.csrBase64, "base64"));
  if (!(await csr.verify(webcrypto))) throw new Error("the certificate request's signature does not verify");
  if (req.profile === "client" && !req.issuerCertificateBase64) throw new Error("a client certificate needs its issuer certificate");
  const issuerName = req.issuerCertificateBase64
    ? new x509.X509Certificate(Buffer.from(req.issuerCertificateBase64, "base64")).subjectName
    : csr.subjectName;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: req.serialNumberHex,
    subject: csr.subjectName,
    issuer: issuerName,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
    publicKey: csr.publicKey,
    signingKey: remoteKey(req.signer.key),
    signingAlgorithm: ALGORITHMS[req.signer.key.kty].webcrypto,
    extensions: await extensionsFor(req, csr),
  }, keyVaultCrypto(signer, req.signer));
  // A self-signed CA signed with any key but its own would still be taken as a trust anchor by TLS (roots' signatures
  // are not checked), and be broken for everything else: refuse it rather than trust it.
  if (req.profile === "ca" && !(await cert.verify({ publicKey: csr.publicKey, signatureOnly: true }, webcrypto))) {
    throw new Error("the CA certificate does not verify with its own key: the signing key is not the key of the request");
  }
  return Buffer.from(cert.rawData).toString("base64");
}
