// Drives the Key Vault routes without a server: an in-memory StateStore, a virtual clock, and the core's router
// (so `pending`/`policy`/`versions` resolve exactly as they do when mounted).
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import { createRouter } from "../../../../local/emulator/core/router.js";
import { keyVaultRoutes } from "../../../../local/emulator/keyvault/index.js";
import type { EmulatorResponse, HttpMethod, Route, StateStore } from "../../../../local/emulator/types.js";

export const VAULT = "https://127.0.0.1:8443";
export const START = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface Reply extends EmulatorResponse {
  json: Record<string, any>;
}

export function memoryStore(): StateStore {
  const maps = new Map<string, Map<string, unknown>>();
  return {
    collection<T>(name: string) {
      if (!maps.has(name)) maps.set(name, new Map());
      return maps.get(name) as Map<string, T>;
    },
    flush() {},
  };
}

export function testVault() {
  const clock = { now: START };
  const routes = keyVaultRoutes({ baseUrl: VAULT, now: () => clock.now, store: memoryStore() });
  const router = createRouter<Route>(routes.map((r) => ({ method: r.method, path: r.path, value: r })));
  async function call(method: HttpMethod, pathAndQuery: string, body?: unknown): Promise<Reply> {
    const url = new URL(`${VAULT}${pathAndQuery}`);
    if (!url.searchParams.has("api-version")) url.search += `${url.search ? "&" : "?"}api%2Dversion=2025-07-01`;
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, "") : url.pathname;
    const match = router.match(method, path, { allowEmptyLastParam: true });
    if (!match) throw new Error(`no route for ${method} ${path}`);
    const reply = await match.value.handler({ method, url, path, headers: {}, body }, match.params);
    return { ...reply, json: (reply.body ?? {}) as Record<string, any> };
  }
  return { clock, call };
}

export type TestVault = ReturnType<typeof testVault>;

export const unknownIssuerPolicy = (overrides: Record<string, unknown> = {}) => ({
  key_props: { exportable: false, kty: "EC", crv: "P-256", reuse_key: false },
  secret_props: { contentType: "application/x-pem-file" },
  x509_props: { subject: "CN=cluster1 CA", key_usage: ["keyCertSign", "cRLSign", "digitalSignature"], ekus: ["1.3.6.1.5.5.7.3.2"], sans: { dns_names: ["ca.cluster1.local"] }, validity_months: 60 },
  issuer: { name: "Unknown" },
  ...overrides,
});

/** Signs `publicKey` (e.g. from the CSR) into a certificate with an issuer key the test holds. */
export async function issueCertificate(subject: string, publicKey: x509.PublicKey, issuer?: { name: string; keys: webcrypto.CryptoKeyPair }) {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const issuerKeys = issuer?.keys ?? (await webcrypto.subtle.generateKey(alg, false, ["sign", "verify"]));
  const cert = await x509.X509CertificateGenerator.create({
    subject,
    issuer: issuer?.name ?? "CN=Test Root",
    publicKey,
    signingKey: issuerKeys.privateKey,
    signingAlgorithm: alg,
    notBefore: new Date(START - 3600e3),
    notAfter: new Date(START + 365 * 86400e3),
  }, webcrypto);
  return Buffer.from(cert.rawData);
}

/** Creates a certificate with issuer Unknown and merges a certificate for its CSR. */
export async function createAndMerge(vault: TestVault, name: string, policy = unknownIssuerPolicy(), tags?: Record<string, string>) {
  const created = await vault.call("POST", `/certificates/${name}/create`, { policy, ...(tags ? { tags } : {}) });
  const csr = new x509.Pkcs10CertificateRequest(Buffer.from(created.json.csr, "base64"));
  const der = await issueCertificate(csr.subject, csr.publicKey);
  return vault.call("POST", `/certificates/${name}/pending/merge`, { x5c: [der.toString("base64")] });
}
