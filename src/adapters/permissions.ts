// Every request the app sends to ARM and Key Vault, with the RBAC action (ARM) or data action (Key Vault) it
// needs and where that permission must be granted. The deployment's custom roles are generated from this table
// (scripts/appRoles.ts → infra/generated/appRoles.json) and the request audit (test/audit/) fails on any request
// the app sends that no row covers. Actions: Learn "Azure resource provider operations" (Microsoft.DocumentDB,
// Microsoft.Network, Microsoft.KeyVault), private-link/rbac-permissions, and the Key Vault REST reference.
// No approval action: Microsoft's service team approves the connection on its own private link service.

/** Where a permission is granted: the resource groups holding clusters and their endpoints, the subscription
 * (subscription-wide lists and operation status URLs), the virtual network, or the vault (data actions). */
export type PermissionScope = "clusterResourceGroup" | "subscription" | "virtualNetwork" | "keyVault";

export interface Grant {
  action: string;
  scope: PermissionScope;
}

export interface Permission {
  /** What the app does (the adapter call). */
  operation: string;
  method: "GET" | "PUT" | "PATCH" | "POST" | "DELETE";
  /** Path template: `{x}` stands for one segment. ARM compares paths case-insensitively. */
  path: string;
  /** Segments that must also match a pattern, e.g. signing only ever uses a CA key. */
  segments?: Record<string, RegExp>;
  grants: Grant[];
  /** Why, when the action is not the obvious read/write of the resource the path names. */
  note?: string;
}

const on = (scope: PermissionScope) => (...actions: string[]): Grant[] => actions.map((action) => ({ action, scope }));
const rg = on("clusterResourceGroup");
const sub = on("subscription");
const vnet = on("virtualNetwork");
const vault = on("keyVault");

const CLUSTER = "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.DocumentDB/cassandraClusters/{cluster}";
const DATACENTER = `${CLUSTER}/dataCenters/{datacenter}`;
const NETWORK = "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network";
const SUBNET = `${NETWORK}/virtualNetworks/{virtualNetwork}/subnets/{subnet}`;
const LOCATIONS = (provider: string) => `/subscriptions/{subscription}/providers/${provider}/locations/{location}`;
// Certificate names are `<stem>-ca` and `<stem>-client-<name>`, the stem `<cluster>--<digest>` or, for clusters issued
// before issue 11, `<cluster>` (src/domain/certificateNames.ts).
const CA_KEY = /^(?!.*-client-).+-ca$/i;

const DB = "Microsoft.DocumentDB/cassandraClusters";
const CERTS = "Microsoft.KeyVault/vaults/certificates";

export const permissions: readonly Permission[] = [
  { operation: "read a cluster", method: "GET", path: CLUSTER, grants: rg(`${DB}/read`) },
  {
    operation: "create a cluster, or put it back whole with new client certificates", method: "PUT", path: CLUSTER, grants: rg(`${DB}/write`),
    note: "the full PUT replaces a PATCH the service answers as not implemented (src/adapters/clusterWrites.ts); write covers both",
  },
  { operation: "update a cluster's client certificates", method: "PATCH", path: CLUSTER, grants: rg(`${DB}/write`) },
  { operation: "delete a cluster this app created", method: "DELETE", path: CLUSTER, grants: rg(`${DB}/delete`) },
  {
    operation: "list the subscription's clusters (rotation timer)", method: "GET",
    path: "/subscriptions/{subscription}/providers/Microsoft.DocumentDB/cassandraClusters", grants: sub(`${DB}/read`),
    note: "a subscription-wide list needs the read action at subscription scope",
  },
  {
    operation: "read node status", method: "GET", path: `${CLUSTER}/status`, grants: rg(`${DB}/status/read`),
    note: "not in the published operations list (which has the older fetchNodeStatus/action): ARM derives <type>/<child>/read from the path",
  },
  { operation: "read a datacenter", method: "GET", path: DATACENTER, grants: rg(`${DB}/dataCenters/read`) },
  { operation: "create a datacenter", method: "PUT", path: DATACENTER, grants: rg(`${DB}/dataCenters/write`) },
  { operation: "delete a datacenter this app created", method: "DELETE", path: DATACENTER, grants: rg(`${DB}/dataCenters/delete`) },
  {
    operation: "poll a Cassandra operation", method: "GET", path: `${LOCATIONS("Microsoft.DocumentDB")}/operationsStatus/{operation}`,
    grants: sub("Microsoft.DocumentDB/locations/operationsStatus/read"),
    note: "the Azure-AsyncOperation URL is subscription-scoped (azure-rest.md §8)",
  },
  {
    operation: "read a Cassandra operation's result", method: "GET", path: `${LOCATIONS("Microsoft.DocumentDB")}/operationResults/{operation}`,
    grants: sub("Microsoft.DocumentDB/locations/operationResults/read"), note: "followed when a DELETE answers with a Location header (azure-rest.md §10)",
  },
  { operation: "read a private endpoint", method: "GET", path: `${NETWORK}/privateEndpoints/{endpoint}`, grants: rg("Microsoft.Network/privateEndpoints/read") },
  {
    operation: "create a private endpoint (manual connection, static IP)", method: "PUT", path: `${NETWORK}/privateEndpoints/{endpoint}`,
    grants: [...rg("Microsoft.Network/privateEndpoints/write"), ...vnet("Microsoft.Network/virtualNetworks/subnets/join/action")],
    note: "ARM also checks join on the endpoint's subnet (Learn private-link/rbac-permissions)",
  },
  { operation: "delete a private endpoint this app created", method: "DELETE", path: `${NETWORK}/privateEndpoints/{endpoint}`, grants: rg("Microsoft.Network/privateEndpoints/delete") },
  { operation: "read the endpoint NIC's IP", method: "GET", path: `${NETWORK}/networkInterfaces/{nic}`, grants: rg("Microsoft.Network/networkInterfaces/read") },
  { operation: "read a subnet (preflight)", method: "GET", path: SUBNET, grants: vnet("Microsoft.Network/virtualNetworks/subnets/read") },
  {
    operation: "check that the endpoint IP is free (preflight)", method: "GET",
    path: `${NETWORK}/virtualNetworks/{virtualNetwork}/CheckIPAddressAvailability`,
    grants: vnet("Microsoft.Network/virtualNetworks/checkIpAddressAvailability/read"),
  },
  {
    operation: "poll a network operation", method: "GET", path: `${LOCATIONS("Microsoft.Network")}/operations/{operation}`,
    grants: sub("Microsoft.Network/locations/operations/read"),
  },
  {
    operation: "read a network operation's result", method: "GET", path: `${LOCATIONS("Microsoft.Network")}/operationResults/{operation}`,
    grants: sub("Microsoft.Network/locations/operationResults/read"), note: "followed when a DELETE answers with a Location header",
  },
  { operation: "list certificates (timer, once a tick; inventory of a rotation a route or event started)", method: "GET", path: "/certificates", grants: vault(`${CERTS}/read`) },
  { operation: "list a certificate's versions", method: "GET", path: "/certificates/{name}/versions", grants: vault(`${CERTS}/read`) },
  { operation: "read a certificate's latest version", method: "GET", path: "/certificates/{name}", grants: vault(`${CERTS}/read`) },
  { operation: "read a certificate version", method: "GET", path: "/certificates/{name}/{version}", grants: vault(`${CERTS}/read`) },
  { operation: "read a pending certificate (its CSR)", method: "GET", path: "/certificates/{name}/pending", grants: vault(`${CERTS}/read`) },
  { operation: "create a CA or client certificate version (issuer Unknown)", method: "POST", path: "/certificates/{name}/create", grants: vault(`${CERTS}/create/action`) },
  {
    operation: "merge the signed chain into a pending certificate", method: "POST", path: "/certificates/{name}/pending/merge",
    grants: vault(`${CERTS}/create/action`), note: "Key Vault REST: MergeCertificate requires the certificates/create permission",
  },
  {
    operation: "cancel a leftover pending certificate", method: "DELETE", path: "/certificates/{name}/pending",
    grants: vault(`${CERTS}/update/action`), note: "Key Vault REST: DeleteCertificateOperation requires the certificates/update permission",
  },
  { operation: "tag a certificate version with its stage", method: "PATCH", path: "/certificates/{name}/{version}", grants: vault(`${CERTS}/update/action`) },
  { operation: "read a CA key's id", method: "GET", path: "/keys/{name}", segments: { name: CA_KEY }, grants: vault("Microsoft.KeyVault/vaults/keys/read") },
  { operation: "read a CA key version (before signing)", method: "GET", path: "/keys/{name}/{version}", segments: { name: CA_KEY }, grants: vault("Microsoft.KeyVault/vaults/keys/read") },
  {
    operation: "sign a CSR with a CA key (CA and client certificates)", method: "POST", path: "/keys/{name}/{version}/sign",
    segments: { name: CA_KEY }, grants: vault("Microsoft.KeyVault/vaults/keys/sign/action"),
    note: "only ever with a CA key; the CA key never leaves the vault",
  },
  {
    operation: "read the admin password secret (preflight, cluster create)", method: "GET", path: "/secrets/{name}",
    grants: vault("Microsoft.KeyVault/vaults/secrets/getSecret/action"),
  },
  {
    operation: "read a client certificate's key (mTLS verification; connection kit chain)", method: "GET", path: "/secrets/{name}/{version}",
    grants: vault("Microsoft.KeyVault/vaults/secrets/getSecret/action"),
  },
];

/** The actions to grant on each scope: the union over the table, sorted. */
export function grantsByScope(table: readonly Permission[] = permissions): Record<PermissionScope, string[]> {
  const by: Record<PermissionScope, Set<string>> = {
    clusterResourceGroup: new Set(), subscription: new Set(), virtualNetwork: new Set(), keyVault: new Set(),
  };
  for (const grant of table.flatMap((p) => p.grants)) by[grant.scope].add(grant.action);
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    clusterResourceGroup: sorted(by.clusterResourceGroup), subscription: sorted(by.subscription),
    virtualNetwork: sorted(by.virtualNetwork), keyVault: sorted(by.keyVault),
  };
}
