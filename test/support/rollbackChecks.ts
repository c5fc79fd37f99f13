// What a rotation's rollback promises, checked from the outside (Key Vault stages, the cluster's list, the nodes, an
// mTLS handshake with the client that was current before): shared by the rollback suites.
import { expect } from "vitest";
import type { LocalWorld } from "./localWorld.js";
import {
  certificatesOf, clusterOf, handshakeOutcomes, identityOf, invariantViolations, only, settleNodes, trustEntries, type ClusterCertificates,
} from "./rotationScenario.js";
import { clusterIdOf } from "./testIds.js";

/** A fault rule's pathPattern for exactly the cluster resource (not its data centers or status). */
export const clusterPathPattern = (clusterName: string) => `${clusterIdOf(clusterName).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;

export interface Snapshot {
  certificates: ClusterCertificates;
  trust: string[];
}

async function snapshot(world: LocalWorld, cluster: string): Promise<Snapshot> {
  await settleNodes(world, cluster);
  return { certificates: await certificatesOf(world, cluster), trust: trustEntries(world, cluster) };
}

const versionKeys = (c: ClusterCertificates) => [...c.ca, ...Object.values(c.clients).flat()].map((v) => `${v.name}/${v.version}`);

/** Checks everything a rollback promises against the state before the rotation; answers the versions it created. */
async function expectRolledBack(world: LocalWorld, cluster: string, before: Snapshot, record: { runtimeStatus: string; output: unknown },
  reason: RegExp): Promise<string[]> {
  expect(record.runtimeStatus).toBe("Failed");
  expect(String(record.output)).toMatch(reason);
  expect(String(record.output)).toMatch(/Rolled back\.$/);
  const after = await certificatesOf(world, cluster);
  const known = new Set(versionKeys(before.certificates));
  const created = [...after.ca, ...Object.values(after.clients).flat()].filter((v) => !known.has(`${v.name}/${v.version}`));
  // Every version this rotation completed is failed (a CA's bootstrap version only carries its key).
  expect(created.filter((v) => v.stage !== "bootstrap").map((v) => v.stage)).toEqual(created.filter((v) => v.stage !== "bootstrap").map(() => "failed"));
  // Nothing else changed stage: the previous current versions are still current.
  for (const v of [...before.certificates.ca, ...Object.values(before.certificates.clients).flat()]) {
    expect([...after.ca, ...Object.values(after.clients).flat()].find((a) => a.version === v.version)?.stage, `${v.name}/${v.version}`).toBe(v.stage);
  }
  expect(trustEntries(world, cluster)).toEqual(before.trust);
  expect(clusterOf(world, cluster).properties.provisioningState).toBe("Succeeded");
  const nodes = await settleNodes(world, cluster);
  const listed = before.trust.length;
  for (const node of nodes) expect(node.trustedThumbprints).toHaveLength(listed);
  const previous = only(before.certificates.clients.app!, "current");
  expect(await handshakeOutcomes(world, cluster, await identityOf(world, previous.name, previous.version))).toEqual(["ok", "ok", "ok"]);
  expect(await invariantViolations(world, cluster)).toEqual([]);
  return created.map((v) => `${v.name}/${v.stage}`);
}

/** The checks bound to one world's cluster, as the rollback suites use them. */
export function rollbackChecks(world: () => LocalWorld, cluster: string) {
  return {
    snapshot: () => snapshot(world(), cluster),
    expectRolledBack: (before: Snapshot, record: { runtimeStatus: string; output: unknown }, reason: RegExp) =>
      expectRolledBack(world(), cluster, before, record, reason),
  };
}
