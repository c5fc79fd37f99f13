// What Key Vault holds for a cluster's rotation, read through the real SDK clients the way an operator would:
// certificate versions and their stage tags, and the certificate-backed secrets users connect with.
import { X509Certificate } from "node:crypto";
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { CertificateClient } from "@azure/keyvault-certificates";
import { SecretClient } from "@azure/keyvault-secrets";
import { expect } from "vitest";
import type { LocalWorld } from "./localWorld.js";
import { caNameOf, clientNameOf, LOCAL_SUBSCRIPTION_ID, testCredential } from "./testIds.js";

/** The real SDK clients, pointed at the emulator: an independent observer of what the app wrote. */
export function azureClients(world: LocalWorld) {
  const tlsOptions = { ca: world.emulator.caCertPem };
  const kv = { tlsOptions, disableChallengeResourceVerification: true };
  return {
    certificates: new CertificateClient(world.emulator.keyVaultUrl, testCredential, kv),
    secrets: new SecretClient(world.emulator.keyVaultUrl, testCredential, kv),
    cosmos: new CosmosDBManagementClient(testCredential, LOCAL_SUBSCRIPTION_ID, { endpoint: world.emulator.armEndpoint, tlsOptions }),
  };
}

export interface KvVersion {
  name: string;
  version: string;
  stage: string | undefined;
  tags: Record<string, string>;
  thumbprint: string;
  cert: X509Certificate;
}

export const thumbprintOf = (cert: X509Certificate) => cert.fingerprint.replace(/:/g, "").toUpperCase();

/** Every completed version of one Key Vault certificate, oldest first, with its certificate. */
export async function versionsOf(world: LocalWorld, name: string): Promise<KvVersion[]> {
  const { certificates } = azureClients(world);
  const versions: KvVersion[] = [];
  try {
    for await (const props of certificates.listPropertiesOfCertificateVersions(name)) {
      const full = await certificates.getCertificateVersion(name, props.version!);
      const cert = new X509Certificate(Buffer.from(full.cer!));
      versions.push({ name, version: props.version!, stage: props.tags?.stage, tags: { ...props.tags }, thumbprint: thumbprintOf(cert), cert });
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  return versions;
}

export interface ClusterCertificates {
  ca: KvVersion[];
  clients: Record<string, KvVersion[]>;
}

/** The cluster's CA and client certificates in Key Vault, by the names of docs/certificates.md (testIds.ts), in the demo group by default. */
export async function certificatesOf(world: LocalWorld, clusterName: string, resourceGroup?: string, subscriptionId?: string): Promise<ClusterCertificates> {
  const { certificates } = azureClients(world);
  const names: string[] = [];
  for await (const props of certificates.listPropertiesOfCertificates()) names.push(props.name!);
  const clientPrefix = clientNameOf(clusterName, "", resourceGroup, subscriptionId);
  const clients: Record<string, KvVersion[]> = {};
  for (const name of names.filter((n) => n.startsWith(clientPrefix))) clients[name.slice(clientPrefix.length)] = await versionsOf(world, name);
  return { ca: await versionsOf(world, caNameOf(clusterName, resourceGroup, subscriptionId)), clients };
}

export const withStage = (versions: KvVersion[], stage: string) => versions.filter((v) => v.stage === stage);
export const only = (versions: KvVersion[], stage: string): KvVersion => {
  const found = withStage(versions, stage);
  expect(found.map((v) => v.version), `versions of ${versions[0]?.name} tagged ${stage}`).toHaveLength(1);
  return found[0]!;
};
/** A CA version as the trust list holds it (the bootstrap versions carry the key only). */
export const caVersions = (versions: KvVersion[]) => versions.filter((v) => v.stage !== "bootstrap");

/** The CA version (of `cas`) whose key signed `cert`, if any. */
export function issuerOf(cert: X509Certificate, cas: KvVersion[]): KvVersion | undefined {
  return issuersOf(cert, cas)[0];
}

/** Every CA version that issued `cert`: more than one when a CA was renewed on the same key (CA_RENEWAL_KEY=reuse). */
export function issuersOf(cert: X509Certificate, cas: KvVersion[]): KvVersion[] {
  return cas.filter((ca) => cert.checkIssued(ca.cert) && cert.verify(ca.cert.publicKey));
}

export interface ClientIdentity {
  certificatePem: string;
  keyPem: string;
}

const PEM_BLOCKS = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g;

/** What a user fetches from Key Vault to connect: the certificate-backed secret (key + chain, PEM). */
export async function identityOf(world: LocalWorld, name: string, version: string): Promise<ClientIdentity> {
  const secret = await azureClients(world).secrets.getSecret(name, { version });
  const blocks = [...(secret.value ?? "").matchAll(PEM_BLOCKS)].map((m) => ({ type: m[1]!, text: m[0] }));
  const key = blocks.find((b) => b.type.endsWith("PRIVATE KEY"));
  const chain = blocks.filter((b) => b.type === "CERTIFICATE").map((b) => b.text);
  if (!key || !chain.length) throw new Error(`secret ${name}/${version} holds no key and chain`);
  return { certificatePem: chain.join("\n"), keyPem: key.text };
}
