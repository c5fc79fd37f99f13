// What a cluster's certificates look like in Key Vault: every version of its CA and of each client
// certificate, with stages from tags. Clients are the names asked for plus every client certificate
// already tagged as the cluster's by this app (so a timer-started rotation renews what provisioning issued).
// Bound to what the app owns (domain/ownership.ts): a certificate with one of the cluster's names that exists but is
// not tagged as the cluster's is refused (CertificateNotOwned), never adopted or issued into, and versions not tagged
// as the cluster's are never read as its stages. Shared by the inventory activity and the certificate, rotation and
// connection-kit routes. Names come from the stem the cluster's certificates use (domain/certificateNames.ts): its own,
// or the cluster name for a cluster issued before issue 11 (adopted, so no second CA appears for it).
// A fleet run lists the vault once for all its clusters and hands each rotation its part of that listing: the
// inventory then reads only the cluster's own certificates, so a fleet of N clusters costs O(N) Key Vault reads, not
// O(N²) (docs/performance.md).
import { caCertificateName, certificateStemIn, clientCertificateName, DEFAULT_CLIENT, listedCertificatesOf, type ListedCertificates } from "../domain/certificateNames.js";
import { versionInfo, type CertificateInventory, type CertificateVersionInfo } from "../domain/certificateProfiles.js";
import type { ClusterRef } from "../domain/ids.js";
import type { CertificateStore } from "../domain/keyVaultPorts.js";
import { notOwnedMessage, ownedBy } from "../domain/ownership.js";

/** Certificates named like the cluster's that are someone else's: a rotation writes none of them. */
export class CertificateNotOwned extends Error {
  readonly code = "CertificateNotOwned";
  constructor(readonly names: string[], ref: ClusterRef, managedByTag: string) {
    super(notOwnedMessage(names, ref, managedByTag));
  }
}

export async function readInventory(certificates: CertificateStore, cluster: ClusterRef, clients: string[], managedByTag: string,
  listed?: ListedCertificates): Promise<CertificateInventory & { stem: string }> {
  const found = listed ?? listedCertificatesOf(await certificates.listCertificateTags(), cluster, managedByTag);
  const all = [...new Set([...clients, ...found.clients])].sort();
  const names = all.length ? all : [DEFAULT_CLIENT];
  const wanted = [caCertificateName(found.stem), ...names.map((c) => clientCertificateName(found.stem, c))];
  // Each name's latest tags decide ownership, read now: a listing may be older than a certificate created since.
  const latest = await Promise.all(wanted.map((name) => certificates.getLatest(name)));
  const foreign = wanted.filter((_, i) => latest[i] && !ownedBy(latest[i]!, cluster, managedByTag));
  if (foreign.length) throw new CertificateNotOwned(foreign, cluster, managedByTag);
  const [ca, ...perClient] = await Promise.all(wanted.map((name) => ownedVersionsOf(certificates, name, cluster, managedByTag)));
  return { ca: ca!, clients: Object.fromEntries(names.map((c, i) => [c, perClient[i]!])), stem: found.stem };
}

/** The stem the cluster's certificates are named with (certificateNames.ts certificateStemIn). */
export async function certificateStemFor(certificates: CertificateStore, cluster: ClusterRef): Promise<string> {
  return certificateStemIn(await certificates.listCertificateTags(), cluster);
}

export async function versionsOf(certificates: CertificateStore, name: string): Promise<CertificateVersionInfo[]> {
  return (await certificates.listVersions(name)).map(versionInfo);
}

/** The versions of `name` tagged as the cluster's by this app: the only ones whose stages count. */
export async function ownedVersionsOf(certificates: CertificateStore, name: string, cluster: ClusterRef, managedByTag: string): Promise<CertificateVersionInfo[]> {
  return (await certificates.listVersions(name)).filter((v) => ownedBy(v, cluster, managedByTag)).map(versionInfo);
}
