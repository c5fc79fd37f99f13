// The adapter set activities depend on, built from config on first use (the SDKs cost most of the
// cold start, so nothing here is imported by main.ts at load time; see architecture.md "Start-up cost").
import type { Config } from "../config.js";
import { buildAzureClients, type AzureClients } from "./azureClients.js";
import { createCertificateStore } from "./certificateStore.js";
import { createClusterApi, createDatacenterApi } from "./clusterApi.js";
import { createKeySigner, createSecretReader } from "./keyVaultKeys.js";
import { createNetworkApi } from "./networkApi.js";
import type { Adapters } from "../domain/ports.js";

export function buildAdapters(config: Readonly<Config>, clients: AzureClients = buildAzureClients(config)): Adapters {
  return {
    clusters: createClusterApi(clients.cosmos),
    datacenters: createDatacenterApi(clients.cosmos),
    network: createNetworkApi(clients.network),
    certificates: createCertificateStore(clients.certificates),
    signer: createKeySigner(clients.keys, clients.cryptography),
    secrets: createSecretReader(clients.secrets),
    writeBudgets: clients.writeBudgets,
  };
}
