// Operations clients call that no vendored spec file describes: the LRO status endpoints (shapes of
// shared/reference/azure-rest.md §3.1) and the Microsoft.Resources surface standard tools log in and discover
// through (resourcesSchemas.ts). They are checked by hand and listed in docs/emulator.md.
import type { EmulatorRequest } from "../types.js";
import * as resources from "./resourcesSchemas.js";
import { NETWORK_COMMON_FILE } from "./servedSpecs.js";

type Schema = Record<string, unknown>;

export interface RequestProblem {
  where: "query" | "path" | "body";
  message: string;
  /** The error code to answer with, where the service has a specific one (else the default for `where`). */
  code?: string;
  /** Checked by ARM's front door before the resource group or the resource provider (the api-version). */
  frontdoor?: boolean;
}

export interface HandValidatedOperation {
  method: string;
  template: string;
  source: string;
  /** Key in offeredApiVersions.json the api-version must be one of. */
  versions: string;
  pathRules?: Record<string, Schema>;
  body?: Schema;
  validate?(req: EmulatorRequest): RequestProblem[];
  /** Schema of a successful answer, by status and api-version. */
  responseSchema?(status: number, apiVersion: string): Schema | undefined;
  /** Vendored definition the response must conform to, when one exists: [file under specification/, name]. */
  responseDefinition?: [string, string];
}

const SUB = "/subscriptions/{subscriptionId}";
const RG = `${SUB}/resourcegroups/{resourceGroupName}`;
const RESOURCES = "resources/stable/2025-04-01/resources.json";
const SUBSCRIPTIONS = "stable/2022-12-01/subscriptions.json";
const ok = (schema: Schema) => (status: number) => (status === 200 || status === 201 ? schema : undefined);
const rgName = { resourceGroupName: resources.resourceGroupNameRules };

export const HAND_VALIDATED_OPERATIONS: readonly HandValidatedOperation[] = [
  {
    method: "GET",
    template: `${SUB}/providers/Microsoft.DocumentDB/locations/{location}/operationsStatus/{operationId}`,
    source: "azure-rest.md §1.3, §3.1 (Cosmos operation status)",
    versions: "Microsoft.DocumentDB/locations",
  },
  {
    method: "GET",
    template: `${SUB}/providers/Microsoft.Network/locations/{location}/operations/{operationId}`,
    source: "azure-rest.md §3.1 (Network Azure-AsyncOperation)",
    versions: "Microsoft.Network/locations",
    responseDefinition: [NETWORK_COMMON_FILE, "AzureAsyncOperationResult"],
  },
  {
    method: "GET",
    template: `${SUB}/providers/Microsoft.Network/locations/{location}/operationResults/{operationId}`,
    source: "azure-rest.md §3.1 (Network Location)",
    versions: "Microsoft.Network/locations",
  },
  { method: "PUT", template: RG, source: `${RESOURCES} ResourceGroups_CreateOrUpdate`, versions: "Microsoft.Resources",
    pathRules: rgName, body: resources.resourceGroupBody, validate: locationRequired, responseSchema: ok(resources.resourceGroup) },
  { method: "GET", template: RG, source: `${RESOURCES} ResourceGroups_Get`, versions: "Microsoft.Resources", pathRules: rgName,
    responseSchema: ok(resources.resourceGroup) },
  { method: "DELETE", template: RG, source: `${RESOURCES} ResourceGroups_Delete (202 + Location)`, versions: "Microsoft.Resources", pathRules: rgName },
  { method: "GET", template: `${SUB}/resourcegroups`, source: `${RESOURCES} ResourceGroups_List`, versions: "Microsoft.Resources",
    responseSchema: ok(resources.resourceGroupList) },
  { method: "GET", template: `${SUB}/operationresults/{operationId}`, source: "the Location of ResourceGroups_Delete (202 running, 200 done)",
    versions: "Microsoft.Resources" },
  { method: "GET", template: "/subscriptions", source: `${SUBSCRIPTIONS} Subscriptions_List`, versions: "Microsoft.Resources",
    responseSchema: ok(resources.subscriptionList) },
  { method: "GET", template: SUB, source: `${SUBSCRIPTIONS} Subscriptions_Get`, versions: "Microsoft.Resources", responseSchema: ok(resources.subscription) },
  { method: "GET", template: "/tenants", source: `${SUBSCRIPTIONS} Tenants_List`, versions: "Microsoft.Resources", responseSchema: ok(resources.tenantList) },
  { method: "GET", template: "/metadata/endpoints", source: "cloud metadata (resourcesSchemas.ts)", versions: "metadata/endpoints",
    responseSchema: (status, apiVersion) => (status === 200 ? resources.metadataEndpointsSchema(apiVersion) : undefined) },
];

/** The spec requires `location`; ARM answers its absence with this code and text (reference §7.1, arm/errors.ts). */
function locationRequired(req: EmulatorRequest): RequestProblem[] {
  const location = (req.body as { location?: unknown } | undefined)?.location;
  return typeof location === "string" ? [] : [{ where: "body", code: "LocationRequired", message: "The location property is required for this definition." }];
}
