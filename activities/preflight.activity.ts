// Preflight before anything is created: both subnets exist, the endpoint address fits its subnet (not
// one of Azure's five reserved addresses, not in use), the admin password secret exists, and the
// cluster name is free or already this saga's. Reads only; every problem is reported at once.
import { tags } from "../src/domain/ids.js";
import { addressFit } from "../src/domain/ipv4.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { activities as A } from "../src/names.js";
import type { PreflightOutcome } from "./contracts.js";
import { defineActivity } from "./stepResult.js";

export const preflightProvisioning = (adapters: AdaptersProvider) =>
  defineActivity(A.preflightProvisioning, "preflight", async (plan): Promise<PreflightOutcome> => {
    const { network, secrets, clusters } = await adapters();
    const { privateEndpoint: pe } = plan;
    const [peSubnet, dcSubnet, secretExists, cluster, ownEndpoint] = await Promise.all([
      network.getSubnet(pe.subnetId),
      network.getSubnet(plan.datacenter.delegatedSubnetId),
      secrets.exists(plan.cluster.adminPasswordSecretName),
      clusters.get(plan.cluster),
      network.getPrivateEndpoint(pe),
    ]);
    const problems: string[] = [];
    if (!peSubnet) problems.push(`privateEndpoint.subnetId: subnet ${pe.subnetId} does not exist`);
    if (!dcSubnet) problems.push(`datacenter.delegatedSubnetId: subnet ${plan.datacenter.delegatedSubnetId} does not exist`);
    if (!secretExists) problems.push(`adminPasswordSecretName: Key Vault secret ${plan.cluster.adminPasswordSecretName} does not exist`);
    if (cluster && cluster.tags[tags.provisioningInstance] !== plan.instanceId && cluster.azureConnectionMethod !== "VPN") {
      problems.push(`clusterName: cluster ${plan.cluster.clusterName} already exists without the VPN connection method`);
    }
    if (peSubnet) {
      const fits = peSubnet.addressPrefixes.map((prefix) => ({ prefix, fit: addressFit(prefix, pe.ipAddress) }));
      const home = fits.find((f) => f.fit !== "outside");
      if (!home) problems.push(`privateEndpoint.ipAddress: ${pe.ipAddress} is outside subnet ${peSubnet.addressPrefixes.join(", ")}`);
      else if (home.fit === "reserved") problems.push(`privateEndpoint.ipAddress: ${pe.ipAddress} is one of the five addresses Azure reserves in ${home.prefix}`);
      else if (!ownEndpoint?.staticIpAddresses.includes(pe.ipAddress) && !(await network.isIpAddressAvailable(pe.subnetId, pe.ipAddress))) {
        problems.push(`privateEndpoint.ipAddress: ${pe.ipAddress} is already in use`);
      }
    }
    return problems.length ? { ok: false, problems } : { ok: true };
  });
