import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { START, testVault, unknownIssuerPolicy, VAULT } from "./harness.js";

const SECONDS = Math.floor(START / 1000);

/** Pkcs10CertificateRequest.getExtension only takes an OID; find by class instead. */
const extension = <T extends x509.Extension>(csr: x509.Pkcs10CertificateRequest, type: new (...args: any[]) => T) =>
  csr.extensions.find((e): e is T => e instanceof type);

describe("create with issuer Unknown", () => {
  it("answers 202 with a Location on the vault and an inProgress operation carrying a verifiable CSR", async () => {
    const vault = testVault();
    const reply = await vault.call("POST", "/certificates/ca1/create", { policy: unknownIssuerPolicy() });

    expect(reply.status).toBe(202);
    expect(reply.headers?.Location).toMatch(new RegExp(`^${VAULT}/certificates/ca1/pending\\?api-version=2025-07-01&request_id=[0-9a-f]{32}$`));
    expect(reply.json).toMatchObject({
      id: `${VAULT}/certificates/ca1/pending`,
      issuer: { name: "Unknown" },
      status: "inProgress",
      status_details: "Pending certificate created. Please Perform Merge to complete the request.",
      cancellation_requested: false,
    });
    const csr = new x509.Pkcs10CertificateRequest(Buffer.from(reply.json.csr, "base64"));
    expect(await csr.verify(webcrypto)).toBe(true);
    expect(csr.subject).toBe("CN=cluster1 CA");
    expect(csr.publicKey.algorithm).toMatchObject({ name: "ECDSA", namedCurve: "P-256" });
    const usage = extension(csr, x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature);
    expect(extension(csr, x509.ExtendedKeyUsageExtension)?.usages).toEqual(["1.3.6.1.5.5.7.3.2"]);
    expect(extension(csr, x509.SubjectAlternativeNameExtension)?.names.toJSON()).toEqual([{ type: "dns", value: "ca.cluster1.local" }]);
  });

  it("serves a pending-only certificate on GET /certificates/{n}/ without sid or cer, disabled, with policy", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/ca1/create", { policy: unknownIssuerPolicy(), tags: { stage: "pending" } });
    const reply = await vault.call("GET", "/certificates/ca1/");

    expect(reply.status).toBe(200);
    expect(reply.json.id).toMatch(/\/certificates\/ca1\/[0-9a-f]{32}$/);
    expect(reply.json).not.toHaveProperty("sid");
    expect(reply.json).not.toHaveProperty("cer");
    expect(reply.json.attributes.enabled).toBe(false);
    expect(reply.json.pending).toEqual({ id: `${VAULT}/certificates/ca1/pending` });
    expect(reply.json.policy.id).toBe(`${VAULT}/certificates/ca1/policy`);
    expect(reply.json.tags).toEqual({ stage: "pending" });
  });

  it("refuses a second create while the first is inProgress (409, §5.3)", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/ca1/create", { policy: unknownIssuerPolicy() });
    const reply = await vault.call("POST", "/certificates/ca1/create", { policy: unknownIssuerPolicy() });

    expect(reply.status).toBe(409);
    expect(reply.json.error).toEqual({
      code: "Forbidden",
      message: "A new key vault certificate can not be created or imported while a pending key vault certificate's status is inProgress.",
    });
  });
});

describe("create with issuer Self", () => {
  it.each([
    [{ kty: "EC", crv: "P-384" }, { kty: "EC", crv: "P-384" }],
    [{ kty: "EC", crv: "P-521" }, { kty: "EC", crv: "P-521" }],
    [{ kty: "RSA", key_size: 3072 }, { kty: "RSA" }],
    [{}, { kty: "RSA" }],
  ])("completes at once with key %j and the key matches the certificate", async (keyProps, expectedJwk) => {
    const vault = testVault();
    const created = await vault.call("POST", "/certificates/self1/create", {
      policy: { key_props: keyProps, x509_props: { subject: "cn=MyCert" }, issuer: { name: "Self" } },
    });
    expect(created.json.status).toBe("completed");
    expect(created.json.target).toBe(`${VAULT}/certificates/self1`);

    const latest = await vault.call("GET", "/certificates/self1/");
    const cert = new X509Certificate(Buffer.from(latest.json.cer, "base64"));
    expect(cert.subject).toBe("CN=MyCert");
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(latest.json.attributes.nbf).toBe(SECONDS - 600);
    const key = await vault.call("GET", `/keys/self1/${latest.json.kid.split("/").at(-1)}`);
    expect(key.json.key).toMatchObject(expectedJwk);
    expect(cert.publicKey.export({ format: "jwk" })).toMatchObject(Object.fromEntries(
      Object.entries(key.json.key).filter(([k]) => ["kty", "crv", "x", "y", "n", "e"].includes(k)),
    ));
  });

  it("fills in the service's defaults for a subject-only policy (§5.3)", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/self1/create", { policy: { x509_props: { subject: "CN=x" }, issuer: { name: "Self" } } });
    const policy = await vault.call("GET", "/certificates/self1/policy");

    expect(policy.json).toMatchObject({
      id: `${VAULT}/certificates/self1/policy`,
      key_props: { exportable: true, kty: "RSA", key_size: 2048, reuse_key: false },
      secret_props: { contentType: "application/x-pkcs12" },
      x509_props: { subject: "CN=x", sans: {}, ekus: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], key_usage: ["digitalSignature", "keyEncipherment"], validity_months: 12 },
      lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: "AutoRenew" } }],
      attributes: { enabled: true, created: SECONDS, updated: SECONDS },
    });
  });

  it("keeps the key pair across versions with reuse_key, and the version GET has no policy", async () => {
    const vault = testVault();
    const policy = { key_props: { kty: "EC", crv: "P-256", reuse_key: true, exportable: false }, x509_props: { subject: "CN=ca" }, issuer: { name: "Self" } };
    await vault.call("POST", "/certificates/ca/create", { policy });
    const v1 = await vault.call("GET", "/certificates/ca");
    await vault.call("POST", "/certificates/ca/create", { policy: { ...policy, issuer: { name: "Unknown" } } });
    const operation = await vault.call("GET", "/certificates/ca/pending");
    const csr = new x509.Pkcs10CertificateRequest(Buffer.from(operation.json.csr, "base64"));
    const v1Cert = new x509.X509Certificate(Buffer.from(v1.json.cer, "base64"));

    expect(Buffer.from(csr.publicKey.rawData)).toEqual(Buffer.from(v1Cert.publicKey.rawData));
    const byVersion = await vault.call("GET", `/certificates/ca/${v1.json.id.split("/").at(-1)}`);
    expect(byVersion.json).not.toHaveProperty("policy");
    expect(byVersion.json.cer).toBe(v1.json.cer);
  });

  it.each([
    [{ key_props: { kty: "RSA", key_size: 1024 } }, "key_size"],
    [{ key_props: { kty: "EC", crv: "P-256K" } }, "P-256K"],
    [{ issuer: { name: "DigiCert" } }, "DigiCert"],
    [{ x509_props: { subject: "not a name" } }, "subject"],
  ])("rejects %j with 400 BadParameter", async (override, mentioned) => {
    const vault = testVault();
    const reply = await vault.call("POST", "/certificates/bad/create", { policy: { x509_props: { subject: "CN=x" }, issuer: { name: "Self" }, ...override } });

    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe("BadParameter");
    expect(reply.json.error.message).toContain(mentioned);
  });
});
