// ARM resource ids: built from route parameters, compared case-insensitively (ARM ids are case-insensitive).

export type RouteParams = Record<string, string>;

export const idKey = (id: string): string => id.toLowerCase();

export const resourceGroupId = (p: RouteParams): string =>
  `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}`;

export const clusterId = (p: RouteParams): string =>
  `${resourceGroupId(p)}/providers/Microsoft.DocumentDB/cassandraClusters/${p.clusterName}`;

export const dataCenterId = (p: RouteParams): string => `${clusterId(p)}/dataCenters/${p.dataCenterName}`;

export const networkId = (p: RouteParams, type: string, name: string): string =>
  `${resourceGroupId(p)}/providers/Microsoft.Network/${type}/${name}`;

/** `West US 2` → `westus2`, the form ARM uses in operation URLs. */
export const normalizeLocation = (location: string): string => location.replace(/\s+/g, "").toLowerCase();

export interface SubnetRef {
  virtualNetworkId: string;
  subnetName: string;
}

export function parseSubnetId(id: string): SubnetRef | undefined {
  const match = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets\/([^/]+)$/i.exec(id);
  return match ? { virtualNetworkId: match[1] as string, subnetName: match[2] as string } : undefined;
}

export function parseScope(id: string): { subscriptionId: string; resourceGroupName: string } | undefined {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(id);
  return match ? { subscriptionId: match[1] as string, resourceGroupName: match[2] as string } : undefined;
}
