// Which clusters this app manages: tagged `managed-by` (clusters it provisioned) or named by its certificates in
// Key Vault (clusters it adopted: their tags are not ours to change). The rotation timer and the status page read it.
import { certificateTags, tags, type ClusterRef } from "../domain/ids.js";
import type { Adapters } from "../domain/ports.js";
import { parseResourceId } from "../domain/resourceId.js";

export async function listManagedClusters(adapters: Pick<Adapters, "clusters" | "certificates">, subscriptionId: string, managedByTag: string): Promise<ClusterRef[]> {
  const [all, issued] = await Promise.all([adapters.clusters.listBySubscription(subscriptionId), adapters.certificates.listCertificateTags()]);
  const certified = new Set(issued.filter((c) => c.tags[certificateTags.managedBy] === managedByTag)
    .map((c) => c.tags[certificateTags.cluster]?.toLowerCase()));
  return all.filter((c) => c.tags[tags.managedBy] === managedByTag || certified.has(c.id.toLowerCase())).flatMap((cluster) => {
    const ref = parseResourceId(cluster.id);
    return ref ? [{ subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, clusterName: ref.name }] : [];
  });
}
