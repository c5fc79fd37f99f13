// Every subscription, resource group, credential and id the tests make up or derive, in one place. Two worlds:
// a bare emulator (emulator and adapter tests: TEST_*) and the local world that `npm start` and startLocalWorld
// wire (LOCAL_SUBSCRIPTION_ID, the demo resource group). The instance and resource ids below are written out
// here, from the documented naming rules, rather than taken from the app's own builders.
import { createHash } from "node:crypto";
import type { TokenCredential } from "@azure/identity";
import { DEMO, LOCAL_SUBSCRIPTION_ID } from "../../local/appEnvironment.js";

/** A bare emulator's subscription (any GUID works there). */
export const TEST_SUBSCRIPTION = "6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b";
export const TEST_RESOURCE_GROUP = "cass-rg";
export const LOCATION = "eastus2";
/** The private endpoint's static address in a bare emulator's endpoint subnet (10.0.3.0/24). */
export const TEST_STATIC_IP = "10.0.3.10";
/** initialCassandraAdminPassword of the clusters the emulator tests create directly. */
export const TEST_CLUSTER_ADMIN_PASSWORD = "s3cret-Passw0rd";

/** Subscription of the unit tests that only parse or validate settings and ids (never sent anywhere). */
export const CONFIG_SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
/** Somebody else's subscription: events and ids from it are not the app's business. */
export const FOREIGN_SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";

/** The local world: the subscription it pretends to be and the demo resource group it seeds. */
export { LOCAL_SUBSCRIPTION_ID };
export const DEMO_RESOURCE_GROUP: string = DEMO.resourceGroup;
/** The admin password secret startLocalWorld seeds (the value a leak scan looks for). */
export const LOCAL_ADMIN_PASSWORD = "Local-Adm1n-Passw0rd!";

/** The bearer token the tests' own clients send; the emulator accepts any token. */
export const TEST_TOKEN = "test-token";
export const bearer = { authorization: `Bearer ${TEST_TOKEN}` } as const;
/** The tests' own credential for the real SDK clients (not the app's emulatorCredential). */
export const testCredential: TokenCredential = {
  getToken: async () => ({ token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export const TYPES = {
  cluster: "Microsoft.DocumentDB/cassandraClusters",
  datacenter: "Microsoft.DocumentDB/cassandraClusters/dataCenters",
  endpoint: "Microsoft.Network/privateEndpoints",
  nic: "Microsoft.Network/networkInterfaces",
} as const;

// Ids in the local world, by cluster name (demo resource group): `<kind>:<subscription>:<group>:<name>`, lower-case.
const scope = (clusterName: string) => `${LOCAL_SUBSCRIPTION_ID}:${DEMO_RESOURCE_GROUP}:${clusterName}`.toLowerCase();
export const provisioningIdOf = (clusterName: string) => `provision:${scope(clusterName)}`;
export const undoIdOf = (clusterName: string) => `undo:${scope(clusterName)}`;
export const approvalIdOf = (clusterName: string) => `approval:${scope(clusterName)}-pe`;
export const rotationIdOf = (clusterName: string) => `rotate:${scope(clusterName)}`;
export const wakerIdOf = (clusterName: string) => `wake:${scope(clusterName)}`;
export const endpointNameOf = (clusterName: string) => `${clusterName}-pe`;

const demoGroupId = `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}`;
export const clusterIdOf = (clusterName: string) => `${demoGroupId}/providers/${TYPES.cluster}/${clusterName}`;
export const endpointIdOf = (clusterName: string) => `${demoGroupId}/providers/${TYPES.endpoint}/${endpointNameOf(clusterName)}`;
export const nicIdOf = (clusterName: string) => `${demoGroupId}/providers/${TYPES.nic}/${endpointNameOf(clusterName)}-nic`;

// Key Vault certificate names of a cluster, written out from docs/certificates.md "Names": a stem of the cluster name (at
// most 69 characters), `--`, and the first 16 hex digits of SHA-256 over the lower-cased cluster id; then `-ca` or
// `-client-<client>`. Computed here with node:crypto, not with the app's builder (the oracle of the tests that check it).
export function certificateStemOf(clusterName: string, resourceGroup = DEMO_RESOURCE_GROUP, subscriptionId = LOCAL_SUBSCRIPTION_ID): string {
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${TYPES.cluster}/${clusterName}`;
  return `${clusterName.slice(0, 69)}--${createHash("sha256").update(id.toLowerCase()).digest("hex").slice(0, 16)}`;
}
export const caNameOf = (clusterName: string, resourceGroup?: string, subscriptionId?: string) =>
  `${certificateStemOf(clusterName, resourceGroup, subscriptionId)}-ca`;
export const clientNameOf = (clusterName: string, client = "app", resourceGroup?: string, subscriptionId?: string) =>
  `${certificateStemOf(clusterName, resourceGroup, subscriptionId)}-client-${client}`;
