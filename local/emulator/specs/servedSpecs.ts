// Which vendored spec file describes which emulated operations (shared/specs/README.md, api-version table). Where
// two versions of a file are vendored, a request is validated (and its answer shaped) by the one it asks for;
// a version with no vendored file is validated against the nearest one (apiVersions.ts) and logged as such.

export type SpecService = "arm" | "keyvault";

export interface ServedSpecFile {
  service: SpecService;
  /** Path under `<specsDir>/specification/`. */
  file: string;
  /** In-memory $ref rewrite for files whose sibling is not vendored (the file on disk stays untouched). */
  rewriteRefs?: { from: string; to: string };
}

const NETWORK = "network/resource-manager/Microsoft.Network/stable/2024-01-01";
const KEYVAULT_7_5 = "keyvault/data-plane/Microsoft.KeyVault/stable/7.5";

export const SERVED_SPEC_FILES: readonly ServedSpecFile[] = [
  {
    service: "arm",
    // Exact api-version of @azure/arm-cosmosdb 16.4.0. Its sibling cosmos-db.json (2025-10-15) is not vendored:
    // point its CloudError / ARMProxyResource / Tags refs at the 2024-05-15 copy (specs README, workaround).
    file: "cosmos-db/resource-manager/Microsoft.DocumentDB/DocumentDB/stable/2025-10-15/managedCassandra.json",
    rewriteRefs: { from: "cosmos-db.json#", to: "../../../stable/2024-05-15/cosmos-db.json#" },
  },
  { service: "arm", file: "cosmos-db/resource-manager/Microsoft.DocumentDB/stable/2024-05-15/managedCassandra.json" },
  // @azure/arm-network 36.0.0 sends 2025-05-01; 2024-01-01 is the nearest complete vendored set.
  { service: "arm", file: `${NETWORK}/privateEndpoint.json` },
  { service: "arm", file: `${NETWORK}/networkInterface.json` },
  { service: "arm", file: `${NETWORK}/virtualNetwork.json` },
  // Key Vault clients send 2025-07-01: exact for certificates, 7.5 (nearest) for keys and secrets.
  { service: "keyvault", file: "keyvault/data-plane/Certificates/stable/2025-07-01/certificates.json" },
  { service: "keyvault", file: `${KEYVAULT_7_5}/certificates.json` },
  { service: "keyvault", file: `${KEYVAULT_7_5}/keys.json` },
  { service: "keyvault", file: `${KEYVAULT_7_5}/secrets.json` },
];

/** Definitions used for operations that have no vendored spec path (see handValidated.ts). */
export const NETWORK_COMMON_FILE = `${NETWORK}/network.json`;
