// Microsoft.Resources shapes the emulator serves without a vendored spec, transcribed as JSON schema (draft-04) from
// Azure/azure-rest-api-specs resources/stable/2025-04-01/resources.json (ResourceGroup, ResourceGroupListResult) and
// stable/2022-12-01/subscriptions.json (Subscription, SubscriptionListResult, TenantListResult), and the cloud
// metadata document from its consumers (hashicorp/go-azure-sdk environments metadata client, azure-cli cloud.py).
// Departure, as for GetCertificateVersions (specs README): the list results' `nextLink` is sent only when there is a
// next page, though subscriptions.json lists it as required.
type Schema = Record<string, unknown>;

const string = { type: "string" };
const tags = { type: "object", additionalProperties: string };

/** ResourceGroup: `location` is required by the spec; the emulator answers its absence as ARM does (LocationRequired). */
export const resourceGroupBody: Schema = {
  type: "object",
  properties: { id: string, name: string, type: string, properties: { type: "object", properties: { provisioningState: string } },
    location: string, managedBy: string, tags },
};
export const resourceGroupNameRules: Schema = { type: "string", pattern: "^[-\\w\\._\\(\\)]+$", minLength: 1, maxLength: 90 };

const resourceGroup: Schema = { ...resourceGroupBody, required: ["id", "name", "type", "location", "properties"] };
export const resourceGroupList: Schema = { type: "object", required: ["value"], properties: { value: { type: "array", items: resourceGroup }, nextLink: string } };

const subscription: Schema = {
  type: "object",
  required: ["id", "subscriptionId", "displayName", "tenantId", "state"],
  properties: {
    id: string, subscriptionId: string, displayName: string, tenantId: string,
    state: { enum: ["Enabled", "Warned", "PastDue", "Disabled", "Deleted"] },
    subscriptionPolicies: { type: "object", properties: { locationPlacementId: string, quotaId: string, spendingLimit: { enum: ["On", "Off", "CurrentPeriodOff"] } } },
    authorizationSource: string,
    managedByTenants: { type: "array", items: { type: "object", properties: { tenantId: string } } },
    tags,
  },
};
export const subscriptionList: Schema = { type: "object", required: ["value"], properties: { value: { type: "array", items: subscription }, nextLink: string } };
export const tenantList: Schema = {
  type: "object", required: ["value"],
  properties: { value: { type: "array", items: { type: "object", required: ["id", "tenantId"], properties: {
    id: string, tenantId: string, tenantCategory: { enum: ["Home", "ProjectedBy", "ManagedBy"] }, displayName: string,
    domains: { type: "array", items: string }, defaultDomain: string } } }, nextLink: string },
};

/** What azure-cli's `_arm_to_cli_mapper` and go-azure-sdk read without a fallback. */
const cloud: Schema = {
  type: "object",
  required: ["name", "resourceManager", "authentication", "suffixes", "portal"],
  properties: {
    name: string, resourceManager: string, portal: string,
    authentication: { type: "object", required: ["loginEndpoint", "audiences"], properties: { loginEndpoint: string,
      audiences: { type: "array", minItems: 1, items: string }, tenant: string, identityProvider: string } },
    suffixes: { type: "object", required: ["keyVaultDns", "storage"], additionalProperties: string },
  },
};
/** api-version 2015-01-01: the Azure Stack style document (Azure Stack Hub docs, "Use API version profiles"). */
const legacyEndpoints: Schema = {
  type: "object",
  required: ["galleryEndpoint", "graphEndpoint", "portalEndpoint", "authentication"],
  properties: { galleryEndpoint: string, graphEndpoint: string, portalEndpoint: string,
    authentication: { type: "object", required: ["loginEndpoint", "audiences"], properties: { loginEndpoint: string, audiences: { type: "array", items: string } } } },
};

export function metadataEndpointsSchema(apiVersion: string): Schema {
  if (apiVersion === "2015-01-01") return legacyEndpoints;
  return apiVersion === "2019-05-01" ? { type: "array", minItems: 1, items: cloud } : cloud;
}

export { resourceGroup, subscription };
