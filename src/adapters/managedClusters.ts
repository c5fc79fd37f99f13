// Which clusters this app manages, in every subscription it manages: tagged `managed-by` (clusters it provisioned) or named by its certificates in
// Key Vault (clusters it adopted: their tags are not ours to change). The rotation timer and the status page read it.
// ARM's own ids are checked like any other input (domain/azureNames.ts) before an instance id or a link is derived
// from them: a cluster whose names break the rules is left out. Each cluster comes with its part of the one vault
// listing (domain/certificateNames.ts listedCertificatesOf), so its rotation need not list the vault again.
import { ClusterAddress } from "../domain/azureNames.js";
import { listedCertificatesOf } from "../domain/certificateNames.js";
import type { FleetCluster } from "../domain/fleetWindow.js";
import { certificateTags, tags, type ClusterRef } from "../domain/ids.js";
import type { Adapters } from "../domain/ports.js";
import { parseResourceId } from "../domain/resourceId.js";

export async function listManagedClusters(adapters: Pick<Adapters, "clusters" | "certificates">, subscriptionIds: readonly string[], managedByTag: string): Promise<Array<Required<FleetCluster>>> {
  // One list per managed subscription (MANAGED_SUBSCRIPTIONS), one look at the vault for all of them.
  const [perSubscription, issued] = await Promise.all([Promise.all(subscriptionIds.map((s) => adapters.clusters.listBySubscription(s))),
    adapters.certificates.listCertificateTags()]);
  const all = perSubscription.flat();
  const certified = new Set(issued.filter((c) => c.tags[certificateTags.managedBy] === managedByTag)
    .map((c) => c.tags[certificateTags.cluster]?.toLowerCase()));
  return all.filter((c) => c.tags[tags.managedBy] === managedByTag || certified.has(c.id.toLowerCase())).flatMap((cluster) => {
    const ref = parseResourceId(cluster.id);
    const named = ref && ClusterAddress.safeParse({ resourceGroup: ref.resourceGroup, clusterName: ref.name });
    if (!ref || !named?.success) return [];
    const address: ClusterRef = { subscriptionId: ref.subscriptionId, ...named.data };
    return [{ ...address, listed: listedCertificatesOf(issued, address, managedByTag) }];
  });
}
