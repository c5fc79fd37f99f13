// The Key Vault surface through the real SDK clients: a CA whose key never leaves the vault (reference §5.12),
// a client certificate signed by it through `sign`, and the secret, tag, version and delete operations the app uses.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { CertificateClient, type CertificatePolicy } from "@azure/keyvault-certificates";
import { KeyClient } from "@azure/keyvault-keys";
import { SecretClient } from "@azure/keyvault-secrets";
import { webcrypto, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { testCredential } from "../../support/testIds.js";
import { mutualTlsAuthorizes } from "./mutualTls.js";
import { closeConforming, startQuietEmulator } from "./support.js";
import { issueWithVaultKey, pendingCsr } from "./vaultSigning.js";

let emulator: Emulator;
let certificates: CertificateClient;
let secrets: SecretClient;
let keys: KeyClient;
let clientOptions: { disableChallengeResourceVerification: true; tlsOptions: { ca: string } };

beforeAll(async () => {
  emulator = await startQuietEmulator();
  // A localhost vault cannot pass the challenge's *.vault.azure.net check (§5.1 step 4); trust comes from tlsOptions.
  clientOptions = { disableChallengeResourceVerification: true, tlsOptions: { ca: emulator.caCertPem } };
  certificates = new CertificateClient(emulator.keyVaultUrl, testCredential, clientOptions);
  secrets = new SecretClient(emulator.keyVaultUrl, testCredential, clientOptions);
  keys = new KeyClient(emulator.keyVaultUrl, testCredential, clientOptions);
});

// closeConforming also fails the file if any answer departed from its operation's response schema.
afterAll(() => closeConforming(emulator));

const EC_POLICY = { keyType: "EC", keyCurveName: "P-256", contentType: "application/x-pem-file" } as const;
const CA_POLICY: CertificatePolicy = { ...EC_POLICY, subject: "CN=cluster1 CA", exportable: false, keyUsage: ["keyCertSign", "cRLSign", "digitalSignature"], validityInMonths: 60, issuerName: "Self" };
const POLL = { intervalInMs: 1 };

describe("Key Vault through CertificateClient, KeyClient, CryptographyClient and SecretClient", () => {
  let caDer: Buffer;

  it("makes a CA with CA:TRUE whose non-exportable key signs its own certificate (Self, then Unknown + reuse_key, merge)", async () => {
    const first = await (await certificates.beginCreateCertificate("cluster1-ca", CA_POLICY, POLL)).pollUntilDone();
    const v1Kid = first.keyId ?? "";
    const pending = await certificates.beginCreateCertificate("cluster1-ca", { ...CA_POLICY, issuerName: "Unknown", reuseKey: true }, { ...POLL, tags: { stage: "pending" } });
    pending.stopPolling();

    const csr = await pendingCsr(certificates, "cluster1-ca");
    expect(await csr.verify(webcrypto)).toBe(true);
    caDer = await issueWithVaultKey(v1Kid, clientOptions, {
      subject: csr.subject,
      issuer: csr.subject,
      publicKey: csr.publicKey,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(csr.publicKey, false, webcrypto),
      ],
    });
    const merged = await certificates.mergeCertificate("cluster1-ca", [caDer]);
    await certificates.updateCertificateProperties("cluster1-ca", first.properties.version ?? "", { enabled: false });

    const ca = new X509Certificate(caDer);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(Buffer.from(merged.cer ?? [])).toEqual(caDer);
    expect(merged.properties.tags).toEqual({ stage: "pending" });
    expect(merged.policy).toMatchObject({ issuerName: "Unknown", exportable: false, reuseKey: true, keyType: "EC", keyCurveName: "P-256", contentType: "application/x-pem-file", validityInMonths: 60 });
    expect(merged.properties.version).not.toBe(first.properties.version);
    const caKey = await keys.getKey("cluster1-ca");
    expect(caKey.key).toMatchObject({ kty: "EC", crv: "P-256", keyOps: ["sign", "verify"] });
    expect(caKey.properties.managed).toBe(true);
    const caSecret = await secrets.getSecret("cluster1-ca");
    expect(caSecret.value).not.toContain("PRIVATE KEY");
    expect(caSecret.properties.managed).toBe(true);
  });

  it("issues a client certificate through the CA key's sign, merges the chain, and serves key + chain as PEM for mTLS", async () => {
    const poller = await certificates.beginCreateCertificate("cluster1-client-app", {
      ...EC_POLICY, subject: "CN=app", exportable: true, issuerName: "Unknown", keyUsage: ["digitalSignature"], enhancedKeyUsage: ["1.3.6.1.5.5.7.3.2"],
    }, { ...POLL, tags: { stage: "pending" } });
    poller.stopPolling();
    const csr = await pendingCsr(certificates, "cluster1-client-app");
    const caKid = (await certificates.getCertificate("cluster1-ca")).keyId ?? "";
    const leafDer = await issueWithVaultKey(caKid, clientOptions, {
      subject: csr.subject,
      issuer: "CN=cluster1 CA",
      publicKey: csr.publicKey,
      extensions: [new x509.BasicConstraintsExtension(false), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
    });

    const merged = await certificates.mergeCertificate("cluster1-client-app", [leafDer, caDer]);
    expect(Buffer.from(merged.cer ?? [])).toEqual(leafDer);
    const leaf = new X509Certificate(leafDer);
    expect(leaf.verify(new X509Certificate(caDer).publicKey)).toBe(true);

    const secret = await secrets.getSecret("cluster1-client-app", { version: merged.properties.version ?? "" });
    expect(secret.properties).toMatchObject({ contentType: "application/x-pem-file", managed: true, certificateKeyId: merged.keyId });
    expect(secret.value?.match(/-----BEGIN [A-Z ]+-----/g)).toEqual(["-----BEGIN PRIVATE KEY-----", "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE-----"]);
    expect(await mutualTlsAuthorizes({ clientPem: secret.value ?? "", caPem: new X509Certificate(caDer).toString() })).toBe(true);
  });

  it("replaces tags with updateCertificateProperties and lists versions across pages via nextLink", async () => {
    const updated = await certificates.updateCertificateProperties("cluster1-client-app", "", { tags: { stage: "current" } });
    expect(updated.properties.tags).toEqual({ stage: "current" });
    expect((await certificates.getCertificate("cluster1-client-app")).properties.tags).toEqual({ stage: "current" });

    const caVersions = [];
    for await (const properties of certificates.listPropertiesOfCertificateVersions("cluster1-ca")) caVersions.push(properties);
    expect(caVersions.map((p) => p.enabled)).toEqual([false, true]);

    const policy: CertificatePolicy = { ...EC_POLICY, subject: "CN=many", issuerName: "Self" };
    for (let i = 0; i < 26; i++) await (await certificates.beginCreateCertificate("many", policy, POLL)).pollUntilDone();
    const pages = [];
    for await (const page of certificates.listPropertiesOfCertificateVersions("many").byPage()) pages.push(page.length);
    expect(pages).toEqual([25, 1]);
  });

  it("soft-deletes with beginDeleteCertificate, locks the name (409), and frees it after purge", async () => {
    const deleted = await (await certificates.beginDeleteCertificate("cluster1-client-app", POLL)).pollUntilDone();
    expect(deleted.recoveryId).toBe(`${emulator.keyVaultUrl}/deletedcertificates/cluster1-client-app`);
    expect(deleted.deletedOn).toBeInstanceOf(Date);
    await expect(secrets.getSecret("cluster1-client-app")).rejects.toMatchObject({ statusCode: 404, code: "SecretNotFound" });
    await expect(certificates.beginCreateCertificate("cluster1-client-app", { ...EC_POLICY, subject: "CN=x", issuerName: "Self" }))
      .rejects.toMatchObject({ statusCode: 409, code: "Conflict" });

    await certificates.purgeDeletedCertificate("cluster1-client-app");
    const again = await (await certificates.beginCreateCertificate("cluster1-client-app", { ...EC_POLICY, subject: "CN=x", issuerName: "Self" }, POLL)).pollUntilDone();
    expect(again.properties.enabled).toBe(true);
  });

  it("stores and returns a plain secret set with SecretClient.setSecret", async () => {
    await secrets.setSecret("cassandra-admin-password", "s3cret!", { contentType: "password" });
    const read = await secrets.getSecret("cassandra-admin-password");
    expect(read.value).toBe("s3cret!");
    expect(read.properties.managed).toBeUndefined();
  });

  it("received only spec-valid requests from the SDKs and answered them within the spec", () => {
    const keyVault = emulator.requests().requests.filter((r) => r.service === "keyvault" && r.note !== "unauthenticated");
    expect(keyVault.length).toBeGreaterThan(50);
    expect(keyVault.filter((r) => r.valid !== true || r.responseErrors)).toEqual([]);
  });
});
