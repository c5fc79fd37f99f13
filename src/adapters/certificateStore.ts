// Key Vault certificates (keyvault-certificates 4.10.3 → api 2025-07-01). Key Vault makes every key;
// for issuer Unknown the app gets the CSR signed and merges the chain (§5.12).
import type { CertificateClient, CertificatePolicy, CertificateProperties, KeyVaultCertificate } from "@azure/keyvault-certificates";
import { azureCall, azureGet } from "./errors.js";
import type { CertificateStore, CertificateVersion, NewCertificatePolicy, PendingCertificate } from "../domain/keyVaultPorts.js";

const base64 = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString("base64") : "");
const iso = (d: Date | undefined) => d?.toISOString();

function toPolicy(p: NewCertificatePolicy): CertificatePolicy {
  return {
    issuerName: p.issuer,
    subject: p.subject,
    ...(p.key.kty === "EC" ? { keyType: "EC", keyCurveName: p.key.curve } : { keyType: "RSA", keySize: p.key.size }),
    exportable: p.exportable,
    reuseKey: p.reuseKey ?? false,
    keyUsage: p.keyUsage as NonNullable<CertificatePolicy["keyUsage"]>,
    enhancedKeyUsage: p.extendedKeyUsage,
    validityInMonths: p.validityMonths,
    // PEM secrets: what cqlsh and the drivers read (the kit writes client.key from it).
    contentType: "application/x-pem-file",
    // AutoRenew cannot work for an external issuer; the app renews, Key Vault only warns.
    lifetimeActions: [{ action: "EmailContacts", lifetimePercentage: 80 }],
    ...(p.dnsNames?.length ? { subjectAlternativeNames: { dnsNames: p.dnsNames } } : {}),
  } as CertificatePolicy;
}

function toVersion(name: string, props: CertificateProperties, cer?: Uint8Array, keyId?: string): CertificateVersion {
  return {
    name,
    version: props.version ?? "",
    thumbprint: props.x509Thumbprint ? Buffer.from(props.x509Thumbprint).toString("hex").toUpperCase() : "",
    notBefore: iso(props.notBefore),
    notAfter: iso(props.expiresOn),
    enabled: props.enabled !== false,
    tags: { ...(props.tags ?? {}) },
    keyId,
    ...(cer?.length ? { certificateBase64: base64(cer) } : {}),
  };
}

const fromBundle = (name: string, c: KeyVaultCertificate) => toVersion(name, c.properties, c.cer, c.keyId);

export function createCertificateStore(client: CertificateClient): CertificateStore {
  const getPending = async (name: string): Promise<PendingCertificate | undefined> => {
    const poller = await azureGet(`read pending certificate ${name}`, () => client.getCertificateOperation(name));
    const op = poller?.getOperationState().certificateOperation;
    if (!op) return undefined;
    return { name, csrBase64: base64(op.csr), status: op.status ?? "unknown" };
  };
  return {
    beginCreate: (name, policy, tags) =>
      azureCall(`create certificate ${name}`, async () => {
        // Waiting is the orchestrator's job, and issuer Unknown never completes on its own (§5.12).
        const poller = await client.beginCreateCertificate(name, toPolicy(policy), { tags });
        poller.stopPolling();
        const pending = await getPending(name);
        if (!pending) throw new Error(`no pending operation after creating certificate ${name}`);
        return pending;
      }),
    getPending,
    mergePending: (name, chain) =>
      azureCall(`merge certificate ${name}`, async () =>
        fromBundle(name, await client.mergeCertificate(name, chain.map((der) => Buffer.from(der, "base64"))))),
    cancelPending: (name) =>
      azureCall(`cancel pending certificate ${name}`, async () => {
        await client.deleteCertificateOperation(name);
      }),
    getLatest: async (name) => {
      const c = await azureGet(`get certificate ${name}`, () => client.getCertificate(name));
      return c && fromBundle(name, c);
    },
    getVersion: async (name, version) => {
      const c = await azureGet(`get certificate ${name}/${version}`, () => client.getCertificateVersion(name, version));
      return c && fromBundle(name, c);
    },
    listVersions: async (name) =>
      // A certificate that does not exist yet simply has no versions.
      (await azureGet(`list versions of certificate ${name}`, async () => {
        const versions: CertificateVersion[] = [];
        for await (const props of client.listPropertiesOfCertificateVersions(name)) versions.push(toVersion(name, props));
        return versions;
      })) ?? [],
    setTags: (name, version, tags) =>
      azureCall(`tag certificate ${name}/${version}`, async () =>
        fromBundle(name, await client.updateCertificateProperties(name, version, { tags }))),
    listCertificateTags: () =>
      azureCall("list certificates", async () => {
        const all: Array<{ name: string; tags: Record<string, string> }> = [];
        for await (const props of client.listPropertiesOfCertificates()) {
          if (props.name) all.push({ name: props.name, tags: { ...(props.tags ?? {}) } });
        }
        return all;
      }),
    beginDelete: (name) =>
      azureCall(`delete certificate ${name}`, async () => {
        await client.beginDeleteCertificate(name);
      }),
  };
}
