// Operations the SDKs call that no vendored spec path describes: the LRO status endpoints. They are checked by
// hand against the shapes in shared/reference/azure-rest.md §3.1 (listed in docs/emulator.md).
import type { EmulatorRequest } from "../types.js";
import { NETWORK_COMMON_FILE } from "./servedSpecs.js";

export interface RequestProblem {
  where: "query" | "path" | "body";
  message: string;
}

export interface HandValidatedOperation {
  method: string;
  template: string;
  source: string;
  validate(req: EmulatorRequest, params: Record<string, string>): RequestProblem[];
  /** Vendored definition the response must conform to, when one exists: [file under specification/, name]. */
  responseDefinition?: [string, string];
}

const SUB = "/subscriptions/{subscriptionId}/providers";

export const HAND_VALIDATED_OPERATIONS: readonly HandValidatedOperation[] = [
  {
    method: "GET",
    template: `${SUB}/Microsoft.DocumentDB/locations/{location}/operationsStatus/{operationId}`,
    source: "azure-rest.md §1.3, §3.1 (Cosmos operation status)",
    validate: (req) => requireApiVersion(req),
  },
  {
    method: "GET",
    template: `${SUB}/Microsoft.Network/locations/{location}/operations/{operationId}`,
    source: "azure-rest.md §3.1 (Network Azure-AsyncOperation)",
    validate: (req) => requireApiVersion(req),
    responseDefinition: [NETWORK_COMMON_FILE, "AzureAsyncOperationResult"],
  },
  {
    method: "GET",
    template: `${SUB}/Microsoft.Network/locations/{location}/operationResults/{operationId}`,
    source: "azure-rest.md §3.1 (Network Location)",
    validate: (req) => requireApiVersion(req),
  },
];

export function requireApiVersion(req: EmulatorRequest): RequestProblem[] {
  // Read through searchParams: Key Vault clients send `api%2Dversion` (reference §0.2).
  const value = req.url.searchParams.get("api-version");
  return value ? [] : [{ where: "query", message: "The api-version query parameter (?api-version=) is required." }];
}
