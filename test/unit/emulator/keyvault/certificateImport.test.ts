// Importing a PEM bundle into the emulated Key Vault (§5.6): key and chain imported under the PEM content type with
// the policy derived from the certificate; a PEM without that type or with a foreign key refused (the spec is the oracle).
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testVault } from "./harness.js";

describe("POST /certificates/{n}/import (PEM)", () => {
  async function pemBundle() {
    const vault = testVault();
    await vault.call("POST", "/certificates/src/create", { policy: { key_props: { kty: "EC", crv: "P-384" }, secret_props: { contentType: "application/x-pem-file" }, x509_props: { subject: "CN=imported, O=Contoso" }, issuer: { name: "Self" } } });
    return { vault, pem: (await vault.call("GET", "/secrets/src")).json.value as string };
  }

  it("imports key and chain when the policy says application/x-pem-file, deriving the policy from the certificate", async () => {
    const { vault, pem } = await pemBundle();
    const reply = await vault.call("POST", "/certificates/imp/import", { value: pem, policy: { secret_props: { contentType: "application/x-pem-file" }, key_props: { exportable: false } } });

    expect(reply.status).toBe(200);
    expect(reply.json.policy).toMatchObject({ key_props: { kty: "EC", crv: "P-384", exportable: false }, x509_props: { subject: "CN=imported, O=Contoso" }, issuer: { name: "Unknown" } });
    const key = (await vault.call("GET", "/keys/imp")).json.key;
    expect(createPublicKey({ key, format: "jwk" }).equals(createPublicKey(pem))).toBe(true);
    expect((await vault.call("GET", "/secrets/imp")).json.value).not.toContain("PRIVATE KEY");
  });

  it("rejects a PEM value without the PEM content type with 400 BadParameter (the SDK bug of §5.6)", async () => {
    const { vault, pem } = await pemBundle();
    const reply = await vault.call("POST", "/certificates/imp/import", { value: pem, tags: { a: "1" } });

    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe("BadParameter");
    expect(reply.json.error.message).toContain("application/x-pem-file");
  });

  it("rejects a PEM whose key does not belong to the certificate", async () => {
    const { vault, pem } = await pemBundle();
    const otherKey = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const mismatched = otherKey + pem.slice(pem.indexOf("-----BEGIN CERTIFICATE-----"));
    const reply = await vault.call("POST", "/certificates/imp/import", { value: mismatched, policy: { secret_props: { contentType: "application/x-pem-file" } } });

    expect(reply.status).toBe(400);
  });
});
