// Whether a rotation may run for a cluster at all: the cluster exists, the app manages it or may adopt it, and no
// certificate it would write is someone else's. The rotation route asks before it starts anything (a 4xx), and the
// rotation itself asks again before its first Key Vault write (the inventory activity), for every start that does
// not pass that route: the timer, Key Vault events, a provisioning's first certificates, a replayed start.
import type { ClusterRef } from "../domain/ids.js";
import { clusterStanding } from "../domain/ownership.js";
import type { Adapters } from "../domain/ports.js";
import { CertificateNotOwned, readInventory } from "./certificateInventory.js";

export interface TargetProblem {
  status: 404 | 409;
  code: "ClusterNotFound" | "ClusterNotManaged" | "ClusterNotVpn" | "CertificateNotOwned";
  message: string;
}

/** Why the cluster itself may not be rotated (missing, someone else's, not VPN), if it may not. */
export async function clusterProblem(clusters: Adapters["clusters"], ref: ClusterRef, managedByTag: string): Promise<TargetProblem | undefined> {
  const state = await clusters.get(ref);
  if (!state) return { status: 404, code: "ClusterNotFound", message: `cluster ${ref.resourceGroup}/${ref.clusterName} not found` };
  const standing = clusterStanding(state, ref, managedByTag);
  return standing.ok ? undefined : { status: 409, code: standing.code, message: standing.message };
}

/** Why a rotation of these clients may not run, if it may not. Reads only: the cluster and Key Vault's certificate list. */
export async function rotationTargetProblem(adapters: Adapters, ref: ClusterRef, clients: string[], managedByTag: string): Promise<TargetProblem | undefined> {
  const problem = await clusterProblem(adapters.clusters, ref, managedByTag);
  if (problem) return problem;
  try {
    await readInventory(adapters.certificates, ref, clients, managedByTag);
    return undefined;
  } catch (error) {
    if (error instanceof CertificateNotOwned) return { status: 409, code: error.code, message: error.message };
    throw error;
  }
}
