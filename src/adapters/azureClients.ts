// The one place Azure SDK clients are created. Endpoint, trust and credential come from config, so
// the same code talks to Azure or to the local emulator (azure-rest.md §0.2).
import { rootCertificates } from "node:tls";
import type { TokenCredential } from "@azure/identity";
import { CosmosDBManagementClient, type CosmosDBManagementClientOptionalParams } from "@azure/arm-cosmosdb";
import { NetworkManagementClient } from "@azure/arm-network";
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import { CertificateClient } from "@azure/keyvault-certificates";
import { CryptographyClient, KeyClient } from "@azure/keyvault-keys";
import { SecretClient } from "@azure/keyvault-secrets";
import type { Config } from "../config.js";
import { createWriteBudgetRecorder, type WriteBudgetRecorder } from "./armWriteBudget.js";
import { emulatorCredential } from "./emulatorCredential.js";

/** First word of the User-Agent of every request the app sends to ARM and Key Vault. */
export const APP_USER_AGENT = "cassandra-vpn-automation";

export interface AzureClients {
  credential: TokenCredential;
  cosmos(subscriptionId: string): CosmosDBManagementClient;
  network(subscriptionId: string): NetworkManagementClient;
  certificates: CertificateClient;
  keys: KeyClient;
  secrets: SecretClient;
  cryptography(keyId: string): CryptographyClient;
  /** What ARM's answers said about each subscription's write budget (the fleet paces by it). */
  writeBudgets: WriteBudgetRecorder;
}

export function buildCredential(azure: Config["azure"]): TokenCredential {
  switch (azure.credential) {
    case "emulator":
      return emulatorCredential;
    case "managedIdentity":
      return azure.managedIdentityClientId
        ? new ManagedIdentityCredential({ clientId: azure.managedIdentityClientId })
        : new ManagedIdentityCredential();
    case "default":
      return new DefaultAzureCredential(
        azure.managedIdentityClientId ? { managedIdentityClientId: azure.managedIdentityClientId } : {},
      );
  }
}

/**
 * The SDKs send requests without a timeout (PipelineRequest.timeout 0): a server that accepts and never answers would
 * hold the activity until the host's functionTimeout. Per retry, so each attempt gets the whole time; the Node client
 * aborts a request whose answer has not begun by then (@typespec/ts-http-runtime nodeHttpClient), errors.ts maps the
 * AbortError to transient, and the durable retry policy tries the activity again.
 */
type PipelinePolicy = NonNullable<CosmosDBManagementClientOptionalParams["additionalPolicies"]>[number]["policy"];

function requestTimeoutPolicy(ms: number): PipelinePolicy {
  return {
    name: "requestTimeout",
    sendRequest: (request, next) => {
      if (!request.timeout) request.timeout = ms;
      return next(request);
    },
  };
}

/**
 * An error answer with no body (a gateway's 502/503/504, a server's 408) reaches the Key Vault SDK's error
 * deserializer, which reads `body.error` and throws a TypeError that loses the status: a transient 503 became a
 * permanent failure (bench:fleet, docs/performance.md). Outermost (perCall), so the SDK's retries of that status run
 * first; what is still such an answer then fails with its status (`statusCode`), which errors.ts classifies. Key Vault
 * clients only: ARM's clients keep the status themselves, and their pollers read some bodiless 4xx answers as results.
 */
function bodilessErrorPolicy(): PipelinePolicy {
  return {
    name: "bodilessError",
    sendRequest: async (request, next) => {
      const response = await next(request);
      if (response.status < 400 || response.bodyAsText || response.readableStreamBody || response.blobBody) return response;
      throw Object.assign(new Error(`HTTP ${response.status} with no body`), { name: "RestError", statusCode: response.status });
    },
  };
}

function memoize<T>(create: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = create(key)));
    return value;
  };
}

export function buildAzureClients(config: Readonly<Config>, credential = buildCredential(config.azure)): AzureClients {
  const { azure } = config;
  // A configured CA is trusted in addition to the public roots: `ca` replaces them otherwise.
  const tlsOptions = azure.trustedCaPem ? { tlsOptions: { ca: [...rootCertificates, azure.trustedCaPem] } } : {};
  // The prefix names the app in the vault's AuditEvent `clientInfo` and ARM's request traces (and lets audits
  // of the emulator's request log tell the app's requests from a test's).
  const userAgentOptions = { userAgentPrefix: APP_USER_AGENT };
  const arm = { endpoint: azure.armEndpoint, credentialScopes: [azure.armScope], userAgentOptions, ...tlsOptions };
  const timeout = { policy: requestTimeoutPolicy(azure.requestTimeoutMs), position: "perRetry" as const };
  const bodiless = { policy: bodilessErrorPolicy(), position: "perCall" as const };
  // A new options object for every client: the Key Vault clients' constructors replace `userAgentOptions` on the object
  // they are given with one that appends their library's name (@azure/keyvault-keys 4.10.2 index.js and
  // cryptography/remoteCryptographyProvider.js getOrInitializeClient). A shared object grew the User-Agent by about 30
  // bytes per client, and with one CryptographyClient per CA key, a fleet's requests passed Node's 16 KB header limit
  // and the vault answered 431 (bench:fleet, docs/performance.md).
  const vault = () => ({
    userAgentOptions,
    additionalPolicies: [timeout, bodiless],
    ...tlsOptions,
    ...(azure.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
  });
  const writeBudgets = createWriteBudgetRecorder();
  const armFor = (sub: string) => ({ ...arm, additionalPolicies: [writeBudgets.policyFor(sub), timeout] });
  return {
    credential,
    cosmos: memoize((sub) => new CosmosDBManagementClient(credential, sub, armFor(sub))),
    network: memoize((sub) => new NetworkManagementClient(credential, sub, armFor(sub))),
    certificates: new CertificateClient(azure.keyVaultUrl, credential, vault()),
    keys: new KeyClient(azure.keyVaultUrl, credential, vault()),
    secrets: new SecretClient(azure.keyVaultUrl, credential, vault()),
    cryptography: memoize((keyId) => new CryptographyClient(keyId, credential, vault())),
    writeBudgets,
  };
}
