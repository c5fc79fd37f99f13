// Certificates signed by a Key Vault key through CryptographyClient.sign, for keyvault.test.ts: the CA key never
// leaves the vault (reference §5.12), so a pending version's CSR is read from its operation and @peculiar/x509 signs
// through a WebCrypto-shaped provider that calls Key Vault.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import type { CertificateClient } from "@azure/keyvault-certificates";
import { CryptographyClient, type CryptographyClientOptions } from "@azure/keyvault-keys";
import { createHash, webcrypto } from "node:crypto";
import { expect } from "vitest";
import { testCredential } from "../../support/testIds.js";

/**
 * A WebCrypto-shaped provider whose `sign` is Key Vault's: @peculiar/x509 hashes nothing itself, so the TBS is hashed
 * here and the digest sent (§5.13). ES256 comes back as raw R||S, the WebCrypto format, which the library's ECDSA
 * formatter converts to the DER ECDSA-Sig-Value X.509 needs.
 */
function keyVaultCrypto(signer: CryptographyClient): webcrypto.Crypto {
  const subtle = {
    async sign(_algorithm: unknown, _key: unknown, data: ArrayBuffer) {
      const { result } = await signer.sign("ES256", createHash("sha256").update(Buffer.from(data)).digest());
      return result.buffer.slice(result.byteOffset, result.byteOffset + result.byteLength);
    },
  };
  return { subtle, getRandomValues: (array: Uint8Array) => webcrypto.getRandomValues(array) } as unknown as webcrypto.Crypto;
}

const vaultSigningKey = { algorithm: { name: "ECDSA", namedCurve: "P-256" } } as unknown as webcrypto.CryptoKey;

export async function issueWithVaultKey(kid: string, clientOptions: CryptographyClientOptions, params: { subject: string; issuer: string; publicKey: x509.PublicKey; extensions: x509.Extension[] }) {
  const signer = new CryptographyClient(kid, testCredential, clientOptions);
  const cert = await x509.X509CertificateGenerator.create({
    ...params,
    signingKey: vaultSigningKey,
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    notBefore: new Date(Date.now() - 60e3),
    notAfter: new Date(Date.now() + 365 * 86400e3),
  }, keyVaultCrypto(signer));
  return Buffer.from(cert.rawData);
}

/** Issuer Unknown never completes by itself (§5.12): read the CSR from the operation instead of polling to the end. */
export async function pendingCsr(certificates: CertificateClient, name: string): Promise<x509.Pkcs10CertificateRequest> {
  const operation = (await certificates.getCertificateOperation(name)).getOperationState().certificateOperation;
  expect(operation?.status).toBe("inProgress");
  if (!operation?.csr) throw new Error(`no CSR for ${name}`);
  return new x509.Pkcs10CertificateRequest(operation.csr);
}
