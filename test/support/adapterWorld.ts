// The app's adapters wired to a fresh emulator exactly as local mode wires them: emulator endpoint,
// its root CA trusted through AZURE_TRUSTED_CA_FILE, the static emulator credential.
import { startEmulator, type Emulator, type EmulatorOptions } from "../../local/emulator/server.js";
import { buildAzureClients, type AzureClients } from "../../src/adapters/azureClients.js";
import { buildAdapters } from "../../src/adapters/index.js";
import { type Adapters } from "../../src/domain/ports.js";
import { loadConfig, type Config } from "../../src/config.js";
import { LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "./testIds.js";
import { auditRequests, currentTestFile, type AuditOptions } from "./requestAudit.js";

export interface AdapterWorld {
  emulator: Emulator;
  config: Readonly<Config>;
  clients: AzureClients;
  adapters: Adapters;
  /** Closes the emulator after checking that every request the adapters sent was validated and valid (requestAudit.ts). */
  dispose(audit?: AuditOptions): Promise<void>;
}

export function emulatorEnv(emulator: Emulator): Record<string, string> {
  return {
    AZURE_SUBSCRIPTION_ID: TEST_SUBSCRIPTION,
    ARM_ENDPOINT: emulator.armEndpoint,
    KEY_VAULT_URL: emulator.keyVaultUrl,
    AZURE_CREDENTIAL: "emulator",
    AZURE_TRUSTED_CA_FILE: emulator.caCertPath,
    KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: "true",
  };
}

export async function startAdapterWorld(options: EmulatorOptions = {}): Promise<AdapterWorld> {
  // The user's resource group exists before the app runs (it never creates one).
  const emulator = await startEmulator({ lroDelayMs: 0, log: () => {}, resourceGroups: [{ subscriptionId: TEST_SUBSCRIPTION, name: TEST_RESOURCE_GROUP, location: LOCATION }], ...options });
  const config = loadConfig(emulatorEnv(emulator));
  const clients = buildAzureClients(config);
  const testFile = currentTestFile();
  return {
    emulator, config, clients, adapters: buildAdapters(config, clients),
    async dispose(audit) {
      try {
        auditRequests(emulator, testFile, audit);
      } finally {
        await emulator.close();
      }
    },
  };
}
