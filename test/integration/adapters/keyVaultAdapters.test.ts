// The app's Key Vault ports and X.509 issuer through the real SDK clients (CertificateClient,
// CryptographyClient, KeyClient, SecretClient) against the emulator: a CA whose key never leaves the
// vault, a client certificate signed by it, tags and versions.
import { randomBytes, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewCertificatePolicy } from "../../../src/domain/keyVaultPorts.js";
import { issueCertificate } from "../../../src/adapters/x509Issuer.js";
import { startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";

const EC = { kty: "EC", curve: "P-256" } as const;
const caPolicy = (issuer: "Self" | "Unknown"): NewCertificatePolicy => ({
  issuer, subject: "CN=cass-vpn client CA", key: EC, exportable: false, reuseKey: issuer === "Unknown",
  validityMonths: 60, keyUsage: ["keyCertSign", "cRLSign"], extendedKeyUsage: [],
});
const clientPolicy: NewCertificatePolicy = {
  issuer: "Unknown", subject: "CN=app", key: EC, exportable: true, validityMonths: 12,
  keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"],
};
const DAY = 86_400_000;
const x509 = (base64: string) => new X509Certificate(Buffer.from(base64, "base64"));

let world: AdapterWorld;
const state: { caBase64?: string; caKeyId?: string; caVersion?: string } = {};

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.dispose());

describe("Key Vault adapters against the emulator", () => {
  it("bootstraps a CA: Self version, then a CA:TRUE version on the same key signed through Key Vault", async () => {
    const { certificates, signer } = world.adapters;
    const bootstrap = await certificates.beginCreate("cass-vpn-ca", caPolicy("Self"), { stage: "bootstrap" });
    expect(bootstrap.status).toBe("completed");
    const v1 = await certificates.getLatest("cass-vpn-ca");
    expect(v1?.keyId).toMatch(/\/keys\/cass-vpn-ca\/[0-9a-f]{32}$/);

    const pending = await certificates.beginCreate("cass-vpn-ca", caPolicy("Unknown"), { stage: "pending" });
    expect(pending.status).toBe("inProgress");
    expect(pending.csrBase64.length).toBeGreaterThan(100);
    expect(await certificates.getPending("cass-vpn-ca")).toEqual(pending);

    const now = Date.now();
    const caDer = await issueCertificate(signer, {
      csrBase64: pending.csrBase64, profile: "ca", serialNumberHex: randomBytes(16).toString("hex"),
      notBefore: new Date(now - 60_000), notAfter: new Date(now + 1825 * DAY), signer: { keyId: v1!.keyId!, key: EC },
    });
    const merged = await certificates.mergePending("cass-vpn-ca", [caDer]);
    expect(merged.version).not.toBe(v1!.version);
    expect(merged.tags).toEqual({ stage: "pending" });

    const ca = x509(caDer);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(merged.thumbprint).toBe(ca.fingerprint.replace(/:/g, ""));
    expect(Date.parse(merged.notAfter!)).toBe(Date.parse(ca.validTo));
    Object.assign(state, { caBase64: caDer, caKeyId: merged.keyId, caVersion: merged.version });
  });

  it("issues a client certificate chained to the CA; its exportable key is in the PEM secret", async () => {
    const { certificates, signer, secrets } = world.adapters;
    const pending = await certificates.beginCreate("cass-vpn-client-app", clientPolicy, { stage: "pending" });
    const now = Date.now();
    const leafDer = await issueCertificate(signer, {
      csrBase64: pending.csrBase64, profile: "client", serialNumberHex: randomBytes(16).toString("hex"),
      notBefore: new Date(now - 60_000), notAfter: new Date(now + 365 * DAY),
      signer: { keyId: state.caKeyId!, key: EC }, issuerCertificateBase64: state.caBase64!,
    });
    const merged = await certificates.mergePending("cass-vpn-client-app", [leafDer, state.caBase64!]);
    const leaf = x509(leafDer);
    const ca = x509(state.caBase64!);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.keyUsage).toContain("1.3.6.1.5.5.7.3.2");
    expect(merged.certificateBase64).toBe(leafDer);

    const pem = await secrets.getSecretValue("cass-vpn-client-app");
    expect(pem).toContain("PRIVATE KEY");
    expect(pem).toContain(leaf.toString().trim().split("\n")[1]);
    // The CA key is not exportable: its secret carries no private key.
    expect(await secrets.getSecretValue("cass-vpn-ca")).not.toContain("PRIVATE KEY");
  });

  it("refuses to sign a CA request with any key but the request's own (its self-signature would not verify)", async () => {
    const { certificates, signer } = world.adapters;
    const pending = await certificates.beginCreate("cass-vpn-ca-other", { ...caPolicy("Unknown"), reuseKey: false }, {});
    await expect(issueCertificate(signer, {
      csrBase64: pending.csrBase64, profile: "ca", serialNumberHex: "02", notBefore: new Date(), notAfter: new Date(Date.now() + DAY),
      signer: { keyId: state.caKeyId!, key: EC },
    })).rejects.toThrow("the CA certificate does not verify with its own key");
  });

  it("refuses a merge whose certificate does not carry the pending key", async () => {
    const { certificates, signer } = world.adapters;
    const pending = await certificates.beginCreate("cass-vpn-client-other", clientPolicy, {});
    const otherCsr = (await certificates.beginCreate("cass-vpn-client-third", clientPolicy, {})).csrBase64;
    const wrong = await issueCertificate(signer, {
      csrBase64: otherCsr, profile: "client", serialNumberHex: "01", notBefore: new Date(), notAfter: new Date(Date.now() + DAY),
      signer: { keyId: state.caKeyId!, key: EC }, issuerCertificateBase64: state.caBase64!,
    });
    await expect(world.adapters.certificates.mergePending("cass-vpn-client-other", [wrong])).rejects.toMatchObject({ kind: "permanent", statusCode: 400 });
    expect((await certificates.getPending("cass-vpn-client-other"))?.status).toBe(pending.status);
  });

  it("keeps stages in version tags and lists every version", async () => {
    const { certificates } = world.adapters;
    const tagged = await certificates.setTags("cass-vpn-ca", state.caVersion!, { stage: "current" });
    expect(tagged.tags).toEqual({ stage: "current" });
    const versions = await certificates.listVersions("cass-vpn-ca");
    expect(versions).toHaveLength(2);
    expect(versions.find((v) => v.version === state.caVersion)?.tags).toEqual({ stage: "current" });
    expect(versions.find((v) => v.version !== state.caVersion)?.tags).toEqual({ stage: "bootstrap" });
    expect((await certificates.getVersion("cass-vpn-ca", state.caVersion!))?.certificateBase64).toBe(state.caBase64);
  });

  it("answers undefined for what does not exist and deletes a certificate", async () => {
    const { certificates, secrets } = world.adapters;
    expect(await certificates.getLatest("nope")).toBeUndefined();
    expect(await certificates.getPending("nope")).toBeUndefined();
    expect(await secrets.exists("nope")).toBe(false);
    await certificates.beginDelete("cass-vpn-client-app");
    expect(await certificates.getLatest("cass-vpn-client-app")).toBeUndefined();
  });

  it("reads a plain secret by name (the admin password the cluster create uses)", async () => {
    await world.clients.secrets.setSecret("cass-admin-password", "Adm1n-pass-w0rd");
    expect(await world.adapters.secrets.exists("cass-admin-password")).toBe(true);
    expect(await world.adapters.secrets.getSecretValue("cass-admin-password")).toBe("Adm1n-pass-w0rd");
  });

  it("every request the adapters sent was valid against the specs", () => {
    // The first request of each client is the token-less challenge (401), neither valid nor invalid.
    const { summary, requests } = world.emulator.requests();
    expect(requests.filter((r) => r.valid === false).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(summary.invalid).toBe(0);
    expect(summary.valid).toBeGreaterThan(20);
  });
});
