// How local mode wires the app to the emulator: only endpoints, trust and credential differ from Azure
// (architecture.md "Local world"). Used by `npm start` and by the tests that run the whole app.
import { NetworkManagementClient } from "@azure/arm-network";
import { SecretClient } from "@azure/keyvault-secrets";
import { emulatorCredential } from "../src/adapters/emulatorCredential.js";
import { settings } from "../src/configSettings.js";

/** The subscription the local world pretends to be (any GUID works against the emulator). */
export const LOCAL_SUBSCRIPTION_ID = "00000000-0000-4000-8000-00000000ca55";
/**
 * A second subscription, for worlds that manage more than one (MANAGED_SUBSCRIPTIONS): the same demo resource group
 * and network names in it, with its own address space (10.30.0.0/16), so same-named resources differ by subscription only.
 */
export const LOCAL_SECOND_SUBSCRIPTION_ID = "00000000-0000-4000-8000-00000000ca56";
export const DEMO = {
  resourceGroup: "cass-demo-rg",
  location: "eastus2",
  virtualNetwork: "cass-demo-vnet",
  adminPasswordSecretName: "cass-demo-admin-password",
  /** A local demo value, printed by `npm start` and in the README (DEMO_ADMIN_PASSWORD overrides it). */
  adminPassword: "Demo-Adm1n-Passw0rd!",
} as const;

export interface EmulatorEndpoints {
  armEndpoint: string;
  keyVaultUrl: string;
  caCertPath: string;
  caCertPem: string;
  /** The emulated nodes' CQL port and the root their server certificates chain to. */
  cqlPort: number;
  nodeCaCertPath: string;
}

/** App settings for local mode; `overrides` win (e.g. faster polls for tests). */
export function localAppEnvironment(emulator: EmulatorEndpoints, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AZURE_SUBSCRIPTION_ID: LOCAL_SUBSCRIPTION_ID,
    ARM_ENDPOINT: emulator.armEndpoint,
    KEY_VAULT_URL: emulator.keyVaultUrl,
    AZURE_CREDENTIAL: "emulator",
    AZURE_TRUSTED_CA_FILE: emulator.caCertPath,
    KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: "true",
    CQL_PORT: String(emulator.cqlPort),
    CQL_TRUSTED_CA_FILE: emulator.nodeCaCertPath,
    // Unset unless a world or the user names more (a value left in process.env by an earlier world must not carry over).
    MANAGED_SUBSCRIPTIONS: "",
    // Local defaults: the happy path finishes within a minute of wall time after approval.
    OPERATION_POLL_INTERVAL: "PT2S",
    APPROVAL_POLL_INTERVAL: "PT5S",
    MTLS_VERIFY_WINDOW: "PT30S",
    ...overrides,
  };
}

const WIRING = new Set(["AZURE_SUBSCRIPTION_ID", "ARM_ENDPOINT", "KEY_VAULT_URL", "AZURE_CREDENTIAL", "AZURE_TRUSTED_CA_FILE",
  "KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION", "CQL_PORT", "CQL_TRUSTED_CA_FILE"]);

/** The app settings in `env` other than the wiring local mode owns. */
export function behaviourSettingsFrom(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings)
    .filter(([name]) => !WIRING.has(name) && env[name] !== undefined)
    .map(([name]) => [name, env[name]!]));
}

export function demoSubnetId(name: "endpoints" | "cassandra", subscriptionId = LOCAL_SUBSCRIPTION_ID): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${DEMO.virtualNetwork}/subnets/${name}`;
}


/**
 * A virtual network with an endpoint subnet (10.20.3.0/24) and a Cassandra subnet, plus the admin password secret; with
 * `subscriptions`, the same network in each of those too (the demo resource group must exist there: a seeded group).
 * Returns the password the secret holds: an earlier run's value stays (a cluster was created with it).
 */
export async function seedDemoEnvironment(emulator: EmulatorEndpoints, adminPassword: string, subscriptions: readonly string[] = [LOCAL_SUBSCRIPTION_ID]): Promise<string> {
  const tlsOptions = { ca: emulator.caCertPem };
  for (const [index, subscriptionId] of subscriptions.entries()) {
    const network = new NetworkManagementClient(emulatorCredential, subscriptionId, { endpoint: emulator.armEndpoint, tlsOptions });
    const existing = await network.virtualNetworks.get(DEMO.resourceGroup, DEMO.virtualNetwork).catch(() => undefined);
    const prefix = `10.${20 + 10 * index}`;
    if (!existing) {
      await network.virtualNetworks.beginCreateOrUpdate(DEMO.resourceGroup, DEMO.virtualNetwork, {
        location: DEMO.location,
        addressSpace: { addressPrefixes: [`${prefix}.0.0/16`] },
        subnets: [{ name: "endpoints", addressPrefix: `${prefix}.3.0/24` }, { name: "cassandra", addressPrefix: `${prefix}.8.0/24` }],
      });
    }
  }
  const secrets = new SecretClient(emulator.keyVaultUrl, emulatorCredential, { tlsOptions, disableChallengeResourceVerification: true });
  const current = await secrets.getSecret(DEMO.adminPasswordSecretName).catch(() => undefined);
  if (!current?.value) await secrets.setSecret(DEMO.adminPasswordSecretName, adminPassword);
  return current?.value ?? adminPassword;
}

/** The request `npm start` submits and the README's curl example shows. */
export function demoProvisioningRequest(clusterName = "cass-demo"): Record<string, unknown> {
  return {
    resourceGroup: DEMO.resourceGroup,
    clusterName,
    location: DEMO.location,
    adminPasswordSecretName: DEMO.adminPasswordSecretName,
    privateEndpoint: { subnetId: demoSubnetId("endpoints"), ipAddress: "10.20.3.10" },
    datacenter: { name: "dc1", delegatedSubnetId: demoSubnetId("cassandra"), nodeCount: 3 },
  };
}
