// What the app may write: a cluster it manages (tagged `managed-by` with its own value) or one it may adopt (a VPN
// cluster nobody has tagged as theirs), and only Key Vault certificates tagged as that cluster's by this app. A
// certificate is never adopted by its name alone: a name may already exist in a shared vault for someone else, or (in
// the cluster-name form used before issue 11, domain/certificateNames.ts) for a same-named cluster elsewhere
// (host-and-service.md §12).
import { printable } from "./azureNames.js";
import { certificateTags, clusterIdOf, tags, type ClusterRef } from "./ids.js";

export interface ClusterFacts {
  tags: Record<string, string>;
  azureConnectionMethod: string | undefined;
}

export type ClusterStanding = { ok: true; adopted: boolean } | { ok: false; code: "ClusterNotManaged" | "ClusterNotVpn"; message: string };

/** Whether the app may rotate this cluster's certificates, and whether that adopts it. */
export function clusterStanding(cluster: ClusterFacts, ref: ClusterRef, managedByTag: string): ClusterStanding {
  const owner = cluster.tags[tags.managedBy];
  const named = `cluster ${ref.resourceGroup}/${ref.clusterName}`;
  if (owner === managedByTag) return { ok: true, adopted: false };
  if (owner !== undefined) return { ok: false, code: "ClusterNotManaged", message: `${named} is managed by ${printable(owner, 80)}, not by this app` };
  if (cluster.azureConnectionMethod !== "VPN") {
    return { ok: false, code: "ClusterNotVpn", message: `${named} does not use azureConnectionMethod VPN; this app manages VPN clusters only` };
  }
  return { ok: true, adopted: true };
}

/** A certificate (or version) is this cluster's when its tags name the cluster's id and this app as its manager. */
export function ownedBy(certificate: { tags: Record<string, string> }, ref: ClusterRef, managedByTag: string): boolean {
  return certificate.tags[certificateTags.cluster]?.toLowerCase() === clusterIdOf(ref).toLowerCase()
    && certificate.tags[certificateTags.managedBy] === managedByTag;
}

/** Why the app refuses to write into a certificate that has the cluster's name but is not the cluster's. */
export function notOwnedMessage(names: string[], ref: ClusterRef, managedByTag: string): string {
  return `Key Vault certificate${names.length > 1 ? "s" : ""} ${names.join(", ")} exist${names.length > 1 ? "" : "s"} but ${names.length > 1 ? "are" : "is"} `
    + `not tagged as this cluster's (tags ${certificateTags.cluster}=${clusterIdOf(ref)} and ${certificateTags.managedBy}=${managedByTag}); `
    + "the app neither adopts nor issues into it: rename it, or tag its latest version so to let the app manage it";
}
