// Helpers for the certificate rotation's integration tests. Everything here observes the world from the
// outside, the way an operator would: Key Vault through the real SDK clients, the cluster through the
// emulator's view of ARM and of its nodes, and the client certificates through a real mTLS handshake
// made by the tests' own TLS client (mtlsClient.ts), never by the app's probe.
import { X509Certificate } from "node:crypto";
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { CertificateClient } from "@azure/keyvault-certificates";
import { SecretClient } from "@azure/keyvault-secrets";
import { expect } from "vitest";
import { LOCAL_SUBSCRIPTION_ID } from "../../local/appEnvironment.js";
import type { EmulatedNode } from "../../local/emulator/cassandra/index.js";
import { demoProvisioningRequest, type LocalWorld } from "./localWorld.js";
import { mtlsOutcome, type MtlsOutcome } from "./mtlsClient.js";

export const RESOURCE_GROUP = "cass-demo-rg";
const CLUSTER_TYPE = "Microsoft.DocumentDB/cassandraClusters";

export const rotationIdOf = (clusterName: string) => `rotate-${LOCAL_SUBSCRIPTION_ID}-${RESOURCE_GROUP}-${clusterName}`;
export const provisioningIdOf = (clusterName: string) => `provision-${LOCAL_SUBSCRIPTION_ID}-${RESOURCE_GROUP}-${clusterName}`;
export const clusterIdOf = (clusterName: string) =>
  `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/${CLUSTER_TYPE}/${clusterName}`;
export const rotationsPath = (clusterName: string) => `/api/clusters/${RESOURCE_GROUP}/${clusterName}/rotations`;

const credential = { getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 }) };

/** The real SDK clients, pointed at the emulator: an independent observer of what the app wrote. */
export function azureClients(world: LocalWorld) {
  const tlsOptions = { ca: world.emulator.caCertPem };
  const kv = { tlsOptions, disableChallengeResourceVerification: true };
  return {
    certificates: new CertificateClient(world.emulator.keyVaultUrl, credential, kv),
    secrets: new SecretClient(world.emulator.keyVaultUrl, credential, kv),
    cosmos: new CosmosDBManagementClient(credential, LOCAL_SUBSCRIPTION_ID, { endpoint: world.emulator.armEndpoint, tlsOptions }),
  };
}

/**
 * Runs the provisioning saga for `clusterName` (endpoint on `ip`) to its end, approving the endpoint as soon as it
 * exists; `whileAwaitingApproval` runs first (the cluster exists then, its certificates do not yet). The saga
 * issues the cluster's first certificates itself (step firstCertificates). Returns the saga's output.
 */
export async function provisionCluster(world: LocalWorld, clusterName: string, ip: string,
  options: { whileAwaitingApproval?: () => Promise<void> } = {}): Promise<any> {
  const request = demoProvisioningRequest(clusterName) as Record<string, any>;
  const res = await world.api("POST", "/api/provisionings", { ...request, privateEndpoint: { ...request.privateEndpoint, ipAddress: ip } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const endpointName = `${clusterName}-pe`;
  const endpoint = () => world.emulator.resources().find((r) => r.type === "Microsoft.Network/privateEndpoints" && r.name === endpointName);
  await world.runUntil(() => Boolean(endpoint()));
  await options.whileAwaitingApproval?.();
  world.emulator.approve({ privateEndpointId: endpoint()!.id, status: "Approved" });
  const done = await world.runtime.waitForCompletion(res.body.id);
  expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
  return done.output;
}

/** POSTs a rotation request and expects 202; returns the body (id, joined …). */
export async function requestRotation(world: LocalWorld, clusterName: string, body: unknown = {}): Promise<any> {
  const res = await world.api("POST", rotationsPath(clusterName), body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body;
}

/** The rotation's current step (its customStatus.step), if it has one. */
export function stepOf(world: LocalWorld, instanceId: string): string | undefined {
  return (world.runtime.status(instanceId)?.customStatus as { step?: string } | null | undefined)?.step;
}

/** The plan an instance was started with (the runtime keeps inputs as the SDK sent them: JSON text for children). */
export function inputOf<T>(world: LocalWorld, instanceId: string): T {
  const input = world.runtime.status(instanceId)?.input;
  return (typeof input === "string" ? JSON.parse(input) : input) as T;
}

/** Fires the rotation timer and runs the fleet check it starts to its end; returns the fleet's final record. */
export async function fireRotationTimer(world: LocalWorld) {
  const fleets = () => world.instances().filter((r) => r.name === "rotateFleet").map((r) => r.instanceId);
  const before = new Set(fleets());
  await world.runtime.fireTimer("rotationTimer");
  const started = fleets().filter((id) => !before.has(id));
  expect(started, "fleet checks started by one timer tick").toHaveLength(1);
  return world.runtime.waitForCompletion(started[0]!);
}

/** POSTs `body` to the runtime's Event Grid webhook for onKeyVaultEvent, as Event Grid delivers; answers the status. */
export async function deliverKeyVaultEvent(world: LocalWorld, body: unknown): Promise<number> {
  const res = await world.runtime.fetch("/runtime/webhooks/eventgrid?functionName=onKeyVaultEvent", {
    method: "POST", headers: { "content-type": "application/json", "aeg-event-type": "Notification" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return res.status;
}

/** POST, then run virtual time until that rotation ends; returns the final record. */
export async function rotate(world: LocalWorld, clusterName: string, body: unknown = {}) {
  const started = await requestRotation(world, clusterName, body);
  return world.runtime.waitForCompletion(started.id);
}

export interface KvVersion {
  name: string;
  version: string;
  stage: string | undefined;
  tags: Record<string, string>;
  thumbprint: string;
  cert: X509Certificate;
}

const thumbprintOf = (cert: X509Certificate) => cert.fingerprint.replace(/:/g, "").toUpperCase();

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

/** The cluster's CA and client certificates in Key Vault (by name: `<cluster>-ca`, `<cluster>-client-<name>`). */
export async function certificatesOf(world: LocalWorld, clusterName: string): Promise<ClusterCertificates> {
  const { certificates } = azureClients(world);
  const names: string[] = [];
  for await (const props of certificates.listPropertiesOfCertificates()) names.push(props.name!);
  const clientPrefix = `${clusterName}-client-`;
  const clients: Record<string, KvVersion[]> = {};
  for (const name of names.filter((n) => n.startsWith(clientPrefix))) clients[name.slice(clientPrefix.length)] = await versionsOf(world, name);
  return { ca: await versionsOf(world, `${clusterName}-ca`), clients };
}

export const withStage = (versions: KvVersion[], stage: string) => versions.filter((v) => v.stage === stage);
export const only = (versions: KvVersion[], stage: string): KvVersion => {
  const found = withStage(versions, stage);
  expect(found.map((v) => v.version), `versions of ${versions[0]?.name} tagged ${stage}`).toHaveLength(1);
  return found[0]!;
};
/** A CA version as the trust list holds it (the bootstrap versions carry the key only). */
export const caVersions = (versions: KvVersion[]) => versions.filter((v) => v.stage !== "bootstrap");

/** The cluster as ARM returns it now. */
export function clusterOf(world: LocalWorld, clusterName: string) {
  const cluster = world.emulator.resources().find((r) => r.type === CLUSTER_TYPE && r.name === clusterName);
  if (!cluster) throw new Error(`no cluster ${clusterName}`);
  return cluster;
}

/** The `clientCertificates` PEM entries exactly as stored (foreign and unparsable ones included). */
export function trustEntries(world: LocalWorld, clusterName: string): string[] {
  return ((clusterOf(world, clusterName).properties.clientCertificates as Array<{ pem: string }> | undefined) ?? []).map((e) => e.pem);
}

/** SHA-1 thumbprints of the parsable `clientCertificates` entries. */
export function trustedThumbprints(world: LocalWorld, clusterName: string): string[] {
  return trustEntries(world, clusterName).flatMap((pem) => {
    try {
      return [thumbprintOf(new X509Certificate(pem))];
    } catch {
      return [];
    }
  });
}

export async function nodesOf(world: LocalWorld, clusterName: string): Promise<EmulatedNode[]> {
  const nodes = (await world.emulator.nodes()).filter((n) => n.cluster === clusterName);
  expect(nodes.length, `nodes of ${clusterName}`).toBeGreaterThan(0);
  return nodes;
}

/** Runs virtual time past the rolling restart that applies the last trust change on every node. */
export async function settleNodes(world: LocalWorld, clusterName: string): Promise<EmulatedNode[]> {
  for (let i = 0; i < 10; i++) {
    const nodes = await nodesOf(world, clusterName);
    const pending = nodes.map((n) => n.trustPendingUntil).filter((t): t is string => Boolean(t)).map(Date.parse);
    if (!pending.length) return nodes;
    await world.clock.advanceTo(Math.max(...pending));
  }
  throw new Error(`the nodes of ${clusterName} never applied their trust`);
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

/** Per node of the cluster, what the tests' own mTLS client (not the app's probe) got with `identity`: "ok", "tls", … */
export async function handshakeOutcomes(world: LocalWorld, clusterName: string, identity: ClientIdentity): Promise<MtlsOutcome[]> {
  const nodes = await nodesOf(world, clusterName);
  return Promise.all(nodes.map((node) => mtlsOutcome({
    host: node.address, port: world.emulator.cqlPort, caPem: world.emulator.nodeCaCertPem, certificatePem: identity.certificatePem, keyPem: identity.keyPem,
  })));
}

/** The CA version (of `cas`) whose key signed `cert`, if any. */
export function issuerOf(cert: X509Certificate, cas: KvVersion[]): KvVersion | undefined {
  return cas.find((ca) => cert.checkIssued(ca.cert) && cert.verify(ca.cert.publicKey));
}

/**
 * The rotation's invariant (architecture.md "Rotate certificates"): every client certificate tagged current in
 * Key Vault is trusted by the cluster — its issuing CA is in `clientCertificates` and in force on every node —
 * and it completes a real mTLS handshake with every node. Answers the violations (empty when it holds).
 */
export async function invariantViolations(world: LocalWorld, clusterName: string): Promise<string[]> {
  const { ca, clients } = await certificatesOf(world, clusterName);
  const listed = new Set(trustedThumbprints(world, clusterName));
  const nodes = await nodesOf(world, clusterName);
  const problems: string[] = [];
  for (const [client, versions] of Object.entries(clients)) {
    for (const current of withStage(versions, "current")) {
      const what = `${client}/${current.version.slice(0, 8)}`;
      const issuer = issuerOf(current.cert, caVersions(ca));
      if (!issuer) {
        problems.push(`${what}: issued by no CA version in Key Vault`);
        continue;
      }
      if (!listed.has(issuer.thumbprint)) problems.push(`${what}: its CA ${issuer.thumbprint} is not in clientCertificates`);
      for (const node of nodes) {
        if (!node.trustedThumbprints.includes(issuer.thumbprint)) problems.push(`${what}: node ${node.address} does not trust its CA`);
      }
      const outcomes = await handshakeOutcomes(world, clusterName, await identityOf(world, current.name, current.version));
      if (outcomes.some((o) => o !== "ok")) problems.push(`${what}: handshakes ${outcomes.join(",")}`);
    }
  }
  return problems;
}
