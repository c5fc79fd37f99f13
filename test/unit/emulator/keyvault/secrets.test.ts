import { createPrivateKey, X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";
import { describe, expect, it } from "vitest";
import { createAndMerge, testVault, unknownIssuerPolicy, VAULT } from "./harness.js";

const pemPolicy = (exportable: boolean) => unknownIssuerPolicy({ key_props: { exportable, kty: "EC", crv: "P-256", reuse_key: false } });
const pemBlocks = (value: string) => value.match(/-----BEGIN ([A-Z ]+)-----/g) ?? [];
const KEY_BAG_OID = Buffer.from("060b2a864886f70d010c0a0101", "hex");

describe("the secret of a certificate (§5.11)", () => {
  it("is the PKCS#8 key followed by the chain for an exportable PEM certificate, marked managed with its kid", async () => {
    const vault = testVault();
    const merged = await createAndMerge(vault, "client1", pemPolicy(true));
    const version = merged.json.id.split("/").at(-1);
    const reply = await vault.call("GET", `/secrets/client1/${version}`);

    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      id: `${VAULT}/secrets/client1/${version}`,
      contentType: "application/x-pem-file",
      kid: `${VAULT}/keys/client1/${version}`,
      managed: true,
      attributes: { enabled: true, recoveryLevel: "Recoverable+Purgeable" },
    });
    expect(pemBlocks(reply.json.value)).toEqual(["-----BEGIN PRIVATE KEY-----", "-----BEGIN CERTIFICATE-----"]);
    const cert = new X509Certificate(reply.json.value);
    expect(cert.raw.toString("base64")).toBe(merged.json.cer);
    expect(cert.checkPrivateKey(createPrivateKey(reply.json.value))).toBe(true);
  });

  it("carries no private key when the key is non-exportable", async () => {
    const vault = testVault();
    await createAndMerge(vault, "ca1", pemPolicy(false));
    const reply = await vault.call("GET", "/secrets/ca1/");

    expect(reply.status).toBe(200);
    expect(pemBlocks(reply.json.value)).toEqual(["-----BEGIN CERTIFICATE-----"]);
    expect(reply.json.value).not.toContain("PRIVATE KEY");
  });

  it("is a password-less PFX that OpenSSL loads for the default application/x-pkcs12", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/web/create", { policy: { key_props: { kty: "EC", crv: "P-256" }, x509_props: { subject: "CN=web" }, issuer: { name: "Self" } } });
    const reply = await vault.call("GET", "/secrets/web");
    const pfx = Buffer.from(reply.json.value, "base64");

    expect(reply.json.contentType).toBe("application/x-pkcs12");
    expect(pfx.includes(KEY_BAG_OID)).toBe(true);
    // createSecureContext runs PKCS12_parse: MAC check with the empty password, then key/certificate match.
    expect(() => createSecureContext({ pfx })).not.toThrow();
  });

  it("is a PFX without a key bag for a non-exportable PKCS#12 certificate", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/web/create", { policy: { key_props: { kty: "RSA", exportable: false }, x509_props: { subject: "CN=web" }, issuer: { name: "Self" } } });
    const pfx = Buffer.from((await vault.call("GET", "/secrets/web")).json.value, "base64");

    expect(pfx.includes(KEY_BAG_OID)).toBe(false);
    // PKCS12_parse accepts the MAC, then finds no key to go with the certificate.
    expect(() => createSecureContext({ pfx })).toThrow(/Unable to load private key from PFX/);
    expect(pfx.includes(Buffer.from((await vault.call("GET", "/certificates/web")).json.cer, "base64"))).toBe(true);
  });

  it("is refused with 403 while its certificate version is disabled", async () => {
    const vault = testVault();
    await createAndMerge(vault, "c1", pemPolicy(true));
    await vault.call("PATCH", "/certificates/c1/", { attributes: { enabled: false } });
    const reply = await vault.call("GET", "/secrets/c1");

    expect(reply.status).toBe(403);
    expect(reply.json.error.message).toBe("Operation get is not allowed on a disabled secret.");
  });

  it("cannot be overwritten with setSecret (409)", async () => {
    const vault = testVault();
    await createAndMerge(vault, "c1");
    expect((await vault.call("PUT", "/secrets/c1", { value: "x" })).status).toBe(409);
  });
});

describe("plain secrets", () => {
  it("stores versions set with PUT and reads the latest or a given version back", async () => {
    const vault = testVault();
    const first = await vault.call("PUT", "/secrets/admin-password", { value: "s3cret", contentType: "password", tags: { app: "cassandra" } });
    const second = await vault.call("PUT", "/secrets/admin-password", { value: "r0tated" });

    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ value: "s3cret", contentType: "password", tags: { app: "cassandra" }, attributes: { enabled: true } });
    expect(first.json.id).toMatch(new RegExp(`^${VAULT}/secrets/admin-password/[0-9a-f]{32}$`));
    expect((await vault.call("GET", "/secrets/admin-password/")).json.value).toBe("r0tated");
    expect((await vault.call("GET", `/secrets/admin-password/${first.json.id.split("/").at(-1)}`)).json.value).toBe("s3cret");
    expect(second.json).not.toHaveProperty("managed");
  });

  it("lists versions without their values, for plain and certificate secrets alike", async () => {
    const vault = testVault();
    await vault.call("PUT", "/secrets/s1", { value: "a", tags: { n: "1" } });
    await vault.call("PUT", "/secrets/s1", { value: "b" });
    const merged = await createAndMerge(vault, "c1", pemPolicy(true));
    const plain = await vault.call("GET", "/secrets/s1/versions");
    const managed = await vault.call("GET", "/secrets/c1/versions");

    expect(plain.json.value).toHaveLength(2);
    expect(plain.json.value[0]).toMatchObject({ tags: { n: "1" }, attributes: { enabled: true } });
    expect(plain.json.value.some((item: object) => "value" in item)).toBe(false);
    expect(managed.json.value).toEqual([{ id: merged.json.sid, attributes: merged.json.attributes, contentType: "application/x-pem-file", managed: true }]);
  });

  it("soft-deletes, locks the name, recovers and purges", async () => {
    const vault = testVault();
    await vault.call("PUT", "/secrets/s1", { value: "v" });
    const deleted = await vault.call("DELETE", "/secrets/s1");

    expect(deleted.json).toMatchObject({ recoveryId: `${VAULT}/deletedsecrets/s1` });
    expect(deleted.json).not.toHaveProperty("value");
    expect((await vault.call("GET", "/secrets/s1")).status).toBe(404);
    expect((await vault.call("PUT", "/secrets/s1", { value: "w" })).json.error.innererror).toEqual({ code: "ObjectIsDeletedButRecoverable" });
    expect((await vault.call("POST", "/deletedsecrets/s1/recover")).status).toBe(200);
    expect((await vault.call("GET", "/secrets/s1")).json.value).toBe("v");
    await vault.call("DELETE", "/secrets/s1");
    expect((await vault.call("DELETE", "/deletedsecrets/s1")).status).toBe(204);
    expect((await vault.call("PUT", "/secrets/s1", { value: "w" })).status).toBe(200);
  });
});
