// Cluster activities: ensure (adopt if it exists), read, node status, delete (only what this saga made).
import { tags } from "../src/domain/ids.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { activities as A } from "../src/names.js";
import { defineActivity, deleteIfOwned, PermanentProblem, reading } from "./stepResult.js";

export const ensureCluster = (adapters: AdaptersProvider) =>
  defineActivity(A.ensureCluster, "ensure cluster", async (plan) => {
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
  defineActivity(A.readCluster, "read cluster", async (ref) => {
    const cluster = await (await adapters()).clusters.get(ref);
    if (!cluster) return { exists: false };
    const { provisioningState, privateLinkResourceId, provisionError } = cluster;
    return reading({ provisioningState, privateLinkResourceId, provisionError });
  });

export const readClusterNodes = (adapters: AdaptersProvider) =>
  defineActivity(A.readClusterNodes, "read cluster nodes", async (ref) => (await adapters()).clusters.nodes(ref));

export const readClusterHealth = (adapters: AdaptersProvider) =>
  defineActivity(A.readClusterHealth, "read cluster health", async (ref) => (await adapters()).clusters.health(ref));

export const deleteCluster = (adapters: AdaptersProvider) =>
  defineActivity(A.deleteCluster, "delete cluster", async ({ ref, instanceId }) => {
    const { clusters } = await adapters();
    return deleteIfOwned(await clusters.get(ref), (c) => c.tags[tags.provisioningInstance] === instanceId, () => clusters.beginDelete(ref));
  });
