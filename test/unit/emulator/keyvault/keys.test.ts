import { constants, createHash, createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAndMerge, testVault, unknownIssuerPolicy, VAULT, type TestVault } from "./harness.js";

const DATA = Buffer.from("tbsCertificate bytes");

async function selfSigned(vault: TestVault, name: string, keyProps: Record<string, unknown>) {
  await vault.call("POST", `/certificates/${name}/create`, { policy: { key_props: keyProps, x509_props: { subject: `CN=${name}` }, issuer: { name: "Self" } } });
  const key = await vault.call("GET", `/keys/${name}/`);
  return { kid: key.json.key.kid as string, publicKey: createPublicKey({ key: key.json.key, format: "jwk" }) };
}

const signPath = (kid: string) => `${new URL(kid).pathname}/sign`;

describe("GET /keys/{n}/{v}", () => {
  it("returns the public JWK of the certificate's key with its operations, managed, same version as the certificate", async () => {
    const vault = testVault();
    const merged = await createAndMerge(vault, "ca1");
    const version = merged.json.id.split("/").at(-1);
    const reply = await vault.call("GET", `/keys/ca1/${version}`);

    expect(reply.status).toBe(200);
    expect(reply.json.key).toEqual({ kid: `${VAULT}/keys/ca1/${version}`, kty: "EC", crv: "P-256", x: expect.any(String), y: expect.any(String), key_ops: ["sign", "verify"] });
    expect(reply.json.key).not.toHaveProperty("d");
    expect(reply.json.managed).toBe(true);
    expect(reply.json.attributes).toMatchObject({ enabled: true, recoveryLevel: "Recoverable+Purgeable" });
  });

  it("shows the key of a version awaiting merge as disabled, and refuses to sign with it (403)", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/ca1/create", { policy: unknownIssuerPolicy() });
    const pendingKid = (await vault.call("GET", "/certificates/ca1/")).json.kid;
    const key = await vault.call("GET", new URL(pendingKid).pathname);
    const signed = await vault.call("POST", signPath(pendingKid), { alg: "ES256", value: Buffer.alloc(32).toString("base64url") });

    expect(key.json.attributes.enabled).toBe(false);
    expect(key.json.key.kid).toBe(pendingKid);
    expect(signed.status).toBe(403);
    expect((await vault.call("GET", "/keys/ca1/")).json.error.code).toBe("KeyNotFound");
  });

  it("lists the completed versions of a certificate's key", async () => {
    const vault = testVault();
    const v1 = (await createAndMerge(vault, "ca1")).json.kid;
    const v2 = (await createAndMerge(vault, "ca1")).json.kid;
    await vault.call("POST", "/certificates/ca1/create", { policy: unknownIssuerPolicy() });
    const reply = await vault.call("GET", "/keys/ca1/versions");

    expect(reply.json.value.map((item: { kid: string }) => item.kid)).toEqual([v1, v2]);
    expect(reply.json.value[0]).toMatchObject({ managed: true, attributes: { enabled: true } });
  });

  it("answers 404 KeyNotFound for an unknown key", async () => {
    const reply = await testVault().call("GET", "/keys/nope/");
    expect(reply.status).toBe(404);
    expect(reply.json.error.code).toBe("KeyNotFound");
  });
});

describe("POST /keys/{n}/{v}/sign over a digest", () => {
  it.each([
    ["ES256", "sha256", { kty: "EC", crv: "P-256" }, 64],
    ["ES384", "sha384", { kty: "EC", crv: "P-384" }, 96],
    ["ES512", "sha512", { kty: "EC", crv: "P-521" }, 132],
  ])("%s returns raw R||S (IEEE P1363) that crypto.verify accepts for the data", async (alg, hash, keyProps, length) => {
    const vault = testVault();
    const { kid, publicKey } = await selfSigned(vault, "k", keyProps);
    const digest = createHash(hash).update(DATA).digest();
    const reply = await vault.call("POST", signPath(kid), { alg, value: digest.toString("base64url") });

    expect(reply.status).toBe(200);
    expect(reply.json.kid).toBe(kid);
    const signature = Buffer.from(reply.json.value, "base64url");
    expect(signature).toHaveLength(length);
    expect(verify(hash, DATA, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)).toBe(true);
  });

  const pss = (saltLength: number) => ({ padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
  it.each([
    ["RS256", "sha256", {}],
    ["RS384", "sha384", {}],
    ["RS512", "sha512", {}],
    ["PS256", "sha256", pss(32)],
    ["PS384", "sha384", pss(48)],
    ["PS512", "sha512", pss(64)],
  ])("%s signs the digest as JWA specifies (RS: PKCS#1 v1.5 over DigestInfo; PS: PSS, MGF1, salt = hash length)", async (alg, hash, padding) => {
    const vault = testVault();
    const { kid, publicKey } = await selfSigned(vault, "r", { kty: "RSA", key_size: 2048 });
    const digest = createHash(hash).update(DATA).digest();
    const reply = await vault.call("POST", signPath(kid), { alg, value: digest.toString("base64url") });

    expect(verify(hash, DATA, { key: publicKey, ...padding }, Buffer.from(reply.json.value, "base64url"))).toBe(true);
  });

  it("rejects a digest whose length does not fit the algorithm with 400", async () => {
    const vault = testVault();
    const { kid } = await selfSigned(vault, "k", { kty: "EC", crv: "P-256" });
    const reply = await vault.call("POST", signPath(kid), { alg: "ES256", value: createHash("sha384").update(DATA).digest("base64url") });

    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe("BadParameter");
    expect(reply.json.error.message).toContain("expected 32 bytes, got 48");
  });

  it.each([
    ["RS256", { kty: "EC", crv: "P-256" }],
    ["ES384", { kty: "EC", crv: "P-256" }],
    ["ES256", { kty: "RSA" }],
  ])("rejects %s with a key of the wrong type or curve (%j)", async (alg, keyProps) => {
    const vault = testVault();
    const { kid } = await selfSigned(vault, "k", keyProps);
    const digestLength = alg.endsWith("384") ? 48 : 32;
    const reply = await vault.call("POST", signPath(kid), { alg, value: Buffer.alloc(digestLength, 1).toString("base64url") });

    expect(reply.status).toBe(400);
    expect(reply.json.error.message).toContain("incompatible");
  });

  it("refuses to sign with the key of a disabled certificate version (403)", async () => {
    const vault = testVault();
    const merged = await createAndMerge(vault, "ca1", unknownIssuerPolicy());
    const version = merged.json.id.split("/").at(-1);
    await vault.call("PATCH", `/certificates/ca1/${version}`, { attributes: { enabled: false } });
    const reply = await vault.call("POST", `/keys/ca1/${version}/sign`, { alg: "ES256", value: Buffer.alloc(32).toString("base64url") });

    expect(reply.status).toBe(403);
    expect(reply.json.error).toEqual({ code: "Forbidden", message: "Operation sign is not allowed on a disabled key." });
  });
});
