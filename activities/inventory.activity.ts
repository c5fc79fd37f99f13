// What a cluster's certificates look like in Key Vault: every version of its CA and of each client
// certificate, with stages from tags. Clients are the names asked for plus every client certificate
// already tagged with the cluster's id (so a timer-started rotation renews what provisioning issued).
import { caCertificateName, certificateTags, clientCertificateName, clusterIdOf, parseCertificateName } from "../src/domain/certificateNames.js";
import { versionInfo, type CertificateVersionInfo } from "./certificates.activity.js";
import { activity, type AdaptersProvider } from "./stepResult.js";

/** Issued when a cluster has no client certificate yet and none was named. */
export const DEFAULT_CLIENT = "app";

export interface CertificateInventory {
  ca: CertificateVersionInfo[];
  clients: Record<string, CertificateVersionInfo[]>;
}

export const readCertificateInventory = (adapters: AdaptersProvider) =>
  activity("read certificate inventory", async ({ cluster, clients }: { cluster: { subscriptionId: string; resourceGroup: string; clusterName: string }; clients: string[] }): Promise<CertificateInventory> => {
    const { certificates } = await adapters();
    const id = clusterIdOf(cluster).toLowerCase();
    const tagged = (await certificates.listCertificateTags()).filter((c) => c.tags[certificateTags.cluster]?.toLowerCase() === id);
    const discovered = tagged.flatMap(({ name }) => {
      const parsed = parseCertificateName(name, cluster.clusterName);
      return parsed?.kind === "client" ? [parsed.client] : [];
    });
    const names = [...new Set([...clients, ...discovered])].sort();
    const versionsOf = async (name: string) => (await certificates.listVersions(name)).map(versionInfo);
    const [ca, ...perClient] = await Promise.all([versionsOf(caCertificateName(cluster.clusterName)),
      ...(names.length ? names : [DEFAULT_CLIENT]).map((c) => versionsOf(clientCertificateName(cluster.clusterName, c)))]);
    return { ca: ca!, clients: Object.fromEntries((names.length ? names : [DEFAULT_CLIENT]).map((c, i) => [c, perClient[i]!])) };
  });
