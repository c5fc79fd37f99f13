// Merging a signed certificate into a pending Key Vault version (§5.4): the bundle's encoding, the leaf found anywhere
// in x5c, and the refusals for a foreign key or nothing pending, checked against the reference's answers.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createHash, webcrypto, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAndMerge, issueCertificate, START, testVault, unknownIssuerPolicy, VAULT } from "./harness.js";

const SECONDS = Math.floor(START / 1000);

describe("merge", () => {
  it("completes the version with 201 and a bundle encoded as §5.4 says", async () => {
    const vault = testVault();
    const reply = await createAndMerge(vault, "client1", unknownIssuerPolicy(), { stage: "current" });

    expect(reply.status).toBe(201);
    const bundle = reply.json;
    const version = bundle.id.split("/").at(-1);
    expect(version).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.headers?.Location).toBe(`${VAULT}/certificates/client1/${version}`);
    expect(bundle.kid).toBe(`${VAULT}/keys/client1/${version}`);
    expect(bundle.sid).toBe(`${VAULT}/secrets/client1/${version}`);
    const der = Buffer.from(bundle.cer, "base64");
    expect(der.toString("base64")).toBe(bundle.cer);
    expect(bundle.x5t).toBe(createHash("sha1").update(der).digest("base64url"));
    expect(bundle.x5t).not.toMatch(/[=+/]/);
    const cert = new X509Certificate(der);
    expect(bundle.attributes).toEqual({
      enabled: true,
      nbf: Date.parse(cert.validFrom) / 1000,
      exp: Date.parse(cert.validTo) / 1000,
      created: SECONDS,
      updated: SECONDS,
      recoveryLevel: "Recoverable+Purgeable",
      recoverableDays: 90,
    });
    expect(bundle.tags).toEqual({ stage: "current" });
    expect(bundle.policy).toMatchObject({ id: `${VAULT}/certificates/client1/policy`, issuer: { name: "Unknown" }, attributes: { enabled: true } });
    expect(bundle).not.toHaveProperty("pending");
    const operation = await vault.call("GET", "/certificates/client1/pending");
    expect(operation.json).toMatchObject({ status: "completed", target: `${VAULT}/certificates/client1` });
  });

  it("rejects a certificate whose public key is not the pending key with 400 BadParameter", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/client1/create", { policy: unknownIssuerPolicy() });
    const otherKeys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const der = await issueCertificate("CN=cluster1 CA", await x509.PublicKey.create(otherKeys.publicKey, webcrypto));
    const reply = await vault.call("POST", "/certificates/client1/pending/merge", { x5c: [der.toString("base64")] });

    expect(reply.status).toBe(400);
    expect(reply.json.error).toEqual({ code: "BadParameter", message: "Unable to parse X5c certificate chain and locate leaf certificate" });
    expect((await vault.call("GET", "/certificates/client1/pending")).json.status).toBe("inProgress");
  });

  it("finds the leaf anywhere in x5c and stores it first", async () => {
    const vault = testVault();
    const created = await vault.call("POST", "/certificates/client1/create", { policy: unknownIssuerPolicy() });
    const csr = new x509.Pkcs10CertificateRequest(Buffer.from(created.json.csr, "base64"));
    const caKeys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const caDer = await issueCertificate("CN=Root", await x509.PublicKey.create(caKeys.publicKey, webcrypto), { name: "CN=Root", keys: caKeys });
    const leafDer = await issueCertificate(csr.subject, csr.publicKey, { name: "CN=Root", keys: caKeys });
    const reply = await vault.call("POST", "/certificates/client1/pending/merge", { x5c: [caDer.toString("base64"), leafDer.toString("base64")] });

    expect(reply.status).toBe(201);
    expect(reply.json.cer).toBe(leafDer.toString("base64"));
  });

  it("answers 404 PendingCertificateNotFound when nothing is pending", async () => {
    const vault = testVault();
    await createAndMerge(vault, "client1");
    const reply = await vault.call("POST", "/certificates/client1/pending/merge", { x5c: ["AAAA"] });

    expect(reply.status).toBe(404);
    expect(reply.json.error.code).toBe("PendingCertificateNotFound");
  });
});
