// What a cluster's certificates look like in Key Vault: every version of its CA and of each client
// certificate, with stages from tags. Clients are the names asked for plus every client certificate
// already tagged with the cluster's id (so a timer-started rotation renews what provisioning issued).
// Shared by the inventory activity and the certificate and connection-kit routes.
import { caCertificateName, clientCertificateName, DEFAULT_CLIENT, parseCertificateName } from "../domain/certificateNames.js";
import { versionInfo, type CertificateInventory, type CertificateVersionInfo } from "../domain/certificateProfiles.js";
import { certificateTags, clusterIdOf, type ClusterRef } from "../domain/ids.js";
import type { CertificateStore } from "../domain/keyVaultPorts.js";

export async function readInventory(certificates: CertificateStore, cluster: ClusterRef, clients: string[]): Promise<CertificateInventory> {
  const id = clusterIdOf(cluster).toLowerCase();
  const tagged = (await certificates.listCertificateTags()).filter((c) => c.tags[certificateTags.cluster]?.toLowerCase() === id);
  const discovered = tagged.flatMap(({ name }) => {
    const parsed = parseCertificateName(name, cluster.clusterName);
    return parsed?.kind === "client" ? [parsed.client] : [];
  });
  const found = [...new Set([...clients, ...discovered])].sort();
  const names = found.length ? found : [DEFAULT_CLIENT];
  const [ca, ...perClient] = await Promise.all([versionsOf(certificates, caCertificateName(cluster.clusterName)),
    ...names.map((c) => versionsOf(certificates, clientCertificateName(cluster.clusterName, c)))]);
  return { ca: ca!, clients: Object.fromEntries(names.map((c, i) => [c, perClient[i]!])) };
}

export async function versionsOf(certificates: CertificateStore, name: string): Promise<CertificateVersionInfo[]> {
  return (await certificates.listVersions(name)).map(versionInfo);
}
