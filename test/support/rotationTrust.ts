// The cluster's side of a rotation, from the emulator's view of ARM and of its nodes, and the rotation's invariant.
// Handshakes are made by the tests' own TLS client (mtlsClient.ts), never by the app's probe.
import { X509Certificate } from "node:crypto";
import { expect } from "vitest";
import type { EmulatedNode } from "../../local/emulator/cassandra/index.js";
import type { LocalWorld } from "./localWorld.js";
import { mtlsOutcome, type MtlsOutcome } from "./mtlsClient.js";
import { caVersions, certificatesOf, identityOf, issuersOf, thumbprintOf, withStage, type ClientIdentity } from "./rotationCertificates.js";
import { TYPES } from "./testIds.js";

/** The cluster as ARM returns it now. */
export function clusterOf(world: LocalWorld, clusterName: string) {
  const cluster = world.emulator.resources().find((r) => r.type === TYPES.cluster && r.name === clusterName);
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

/** Per node of the cluster, what the tests' own mTLS client (not the app's probe) got with `identity`: "ok", "tls", … */
export async function handshakeOutcomes(world: LocalWorld, clusterName: string, identity: ClientIdentity): Promise<MtlsOutcome[]> {
  const nodes = await nodesOf(world, clusterName);
  return Promise.all(nodes.map((node) => mtlsOutcome({
    host: node.address, port: world.emulator.cqlPort, caPem: world.emulator.nodeCaCertPem, certificatePem: identity.certificatePem, keyPem: identity.keyPem,
  })));
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
      // A CA renewed on its key issued the client as much as the version that signed it: any of them trusted will do.
      const issuers = issuersOf(current.cert, caVersions(ca));
      const issuer = issuers.find((i) => listed.has(i.thumbprint)) ?? issuers[0];
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
