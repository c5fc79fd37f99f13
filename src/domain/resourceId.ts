// ARM resource ids of the kinds the app handles. ARM treats segment names case-insensitively, so
// parsing does too; names are kept as written.

export interface ResourceGroupScope {
  subscriptionId: string;
  resourceGroup: string;
}

export interface SubnetRef extends ResourceGroupScope {
  virtualNetwork: string;
  subnet: string;
}

const GUID = "[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}";
const NAME = "[^/]+";
const SUBNET_ID = new RegExp(
  `^/subscriptions/(${GUID})/resourceGroups/(${NAME})/providers/Microsoft\\.Network/virtualNetworks/(${NAME})/subnets/(${NAME})$`,
  "i",
);

export function parseSubnetId(id: string): SubnetRef | undefined {
  const m = SUBNET_ID.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1]!, resourceGroup: m[2]!, virtualNetwork: m[3]!, subnet: m[4]! };
}

export function subnetId(ref: SubnetRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${ref.virtualNetwork}/subnets/${ref.subnet}`;
}

/** `{ resourceGroup, name }` of any `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}` id. */
export function parseResourceId(id: string): (ResourceGroupScope & { provider: string; type: string; name: string }) | undefined {
  const m = new RegExp(`^/subscriptions/(${GUID})/resourceGroups/(${NAME})/providers/(${NAME})/(${NAME})/(${NAME})$`, "i").exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1]!, resourceGroup: m[2]!, provider: m[3]!, type: m[4]!, name: m[5]! };
}

export function sameResourceId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
