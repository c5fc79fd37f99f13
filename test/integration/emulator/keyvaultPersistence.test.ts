// Key Vault state is JSON in the StateStore (keys as PKCS#8): a restarted emulator on the same state directory
// still serves the certificate, its secret and signs with its key.
import { CertificateClient } from "@azure/keyvault-certificates";
import { CryptographyClient } from "@azure/keyvault-keys";
import { SecretClient } from "@azure/keyvault-secrets";
import { createHash, createPublicKey, verify } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { testCredential } from "../../support/testIds.js";
import { startQuietEmulator } from "./support.js";

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-state-"));
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

it("keeps certificates, secrets and signing keys across a restart", async () => {
  const first = await startQuietEmulator({ stateDir });
  const options = { disableChallengeResourceVerification: true, tlsOptions: { ca: first.caCertPem } };
  const created = await (await new CertificateClient(first.keyVaultUrl, testCredential, options).beginCreateCertificate("persisted", {
    subject: "CN=persisted", issuerName: "Self", keyType: "EC", keyCurveName: "P-256", contentType: "application/x-pem-file",
  }, { intervalInMs: 1 })).pollUntilDone();
  await first.close();

  const second = await startQuietEmulator({ stateDir });
  try {
    const options2 = { disableChallengeResourceVerification: true, tlsOptions: { ca: second.caCertPem } };
    const url = (id: string | undefined) => (id ?? "").replace(first.keyVaultUrl, second.keyVaultUrl);
    const reread = await new CertificateClient(second.keyVaultUrl, testCredential, options2).getCertificate("persisted");
    const secret = await new SecretClient(second.keyVaultUrl, testCredential, options2).getSecret("persisted");
    const digest = createHash("sha256").update("data").digest();
    const { result } = await new CryptographyClient(url(created.keyId), testCredential, options2).sign("ES256", digest);

    expect(Buffer.from(reread.cer ?? [])).toEqual(Buffer.from(created.cer ?? []));
    expect(secret.value).toContain("-----BEGIN PRIVATE KEY-----");
    expect(verify("sha256", Buffer.from("data"), { key: createPublicKey(secret.value ?? ""), dsaEncoding: "ieee-p1363" }, result)).toBe(true);
  } finally {
    await second.close();
  }
});
