// Cluster activities: ensure (adopt if it exists), read, node status, delete (only what this saga made).
import type { ClusterRef, ProvisionError } from "../src/adapters/ports.js";
import { tags } from "../src/names.js";
import type { ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { activity, deleteIfOwned, PermanentProblem, reading, type AdaptersProvider, type DeletionState } from "./stepResult.js";

export interface ClusterReading {
  exists: boolean;
  provisioningState?: string;
  privateLinkResourceId?: string;
  provisionError?: ProvisionError;
}

export const ensureCluster = (adapters: AdaptersProvider) =>
  activity("ensure cluster", async (plan: Pick<ProvisioningPlan, "cluster" | "tags" | "instanceId">) => {
    const { clusters, secrets } = await adapters();
    const existing = await clusters.get(plan.cluster);
    if (existing) {
      if (existing.azureConnectionMethod !== "VPN") {
        throw new PermanentProblem("ClusterNotVpn", `cluster ${plan.cluster.clusterName} exists and does not use azureConnectionMethod VPN`);
      }
      return { createdByThisSaga: existing.tags[tags.provisioningInstance] === plan.instanceId };
    }
    // Read here, used once, never returned: the password stays out of durable state.
    const password = await secrets.getSecretValue(plan.cluster.adminPasswordSecretName);
    if (!password) throw new PermanentProblem("AdminPasswordSecretNotFound", `Key Vault secret ${plan.cluster.adminPasswordSecretName} not found`);
    await clusters.beginCreate({
      ...plan.cluster, delegatedManagementSubnetId: plan.cluster.managementSubnetId, initialAdminPassword: password, tags: plan.tags,
    });
    return { createdByThisSaga: true };
  });

export const readCluster = (adapters: AdaptersProvider) =>
  activity("read cluster", async (ref: ClusterRef): Promise<ClusterReading> => {
    const cluster = await (await adapters()).clusters.get(ref);
    if (!cluster) return { exists: false };
    const { provisioningState, privateLinkResourceId, provisionError } = cluster;
    return reading({ provisioningState, privateLinkResourceId, provisionError });
  });

export const readClusterNodes = (adapters: AdaptersProvider) =>
  activity("read cluster nodes", async (ref: ClusterRef) => (await adapters()).clusters.nodes(ref));

export const deleteCluster = (adapters: AdaptersProvider) =>
  activity("delete cluster", async ({ ref, instanceId }: { ref: ClusterRef; instanceId: string }): Promise<DeletionState> => {
    const { clusters } = await adapters();
    return deleteIfOwned(await clusters.get(ref), (c) => c.tags[tags.provisioningInstance] === instanceId, () => clusters.beginDelete(ref));
  });
