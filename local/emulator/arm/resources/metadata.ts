// `GET /metadata/endpoints`: the cloud metadata clients discover a cloud from before signing in (no token needed).
// Fields as the public cloud answers and its readers use them (hashicorp/go-azure-sdk environments metadata client
// for 2022-09-01, azure-cli core/cloud.py `_arm_to_cli_mapper` for the 2019-05-01 list); only `resourceManager`
// points at the emulator. The 2015-01-01 document is the older Azure Stack style one.
import type { Route } from "../../types.js";

function cloud(baseUrl: string) {
  return {
    portal: "https://portal.azure.com",
    authentication: { loginEndpoint: "https://login.microsoftonline.com", audiences: ["https://management.core.windows.net/", "https://management.azure.com/"],
      tenant: "common", identityProvider: "AAD" },
    media: "https://rest.media.azure.net",
    graphAudience: "https://graph.windows.net/",
    graph: "https://graph.windows.net/",
    name: "AzureCloud",
    suffixes: {
      azureDataLakeStoreFileSystem: "azuredatalakestore.net", acrLoginServer: "azurecr.io", sqlServerHostname: "database.windows.net",
      azureDataLakeAnalyticsCatalogAndJob: "azuredatalakeanalytics.net", keyVaultDns: "vault.azure.net", storage: "core.windows.net",
      azureFrontDoorEndpointSuffix: "azurefd.net", storageSyncEndpointSuffix: "afs.azure.net", mhsmDns: "managedhsm.azure.net",
      mysqlServerEndpoint: "mysql.database.azure.com", postgresqlServerEndpoint: "postgres.database.azure.com",
      mariadbServerEndpoint: "mariadb.database.azure.com", synapseAnalytics: "dev.azuresynapse.net", attestationEndpoint: "attest.azure.net",
    },
    batch: "https://batch.core.windows.net/",
    resourceManager: `${baseUrl}/`,
    vmImageAliasDoc: "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/arm-compute/quickstart-templates/aliases.json",
    activeDirectoryDataLake: "https://datalake.azure.net/",
    sqlManagement: "https://management.core.windows.net:8443/",
    microsoftGraphResourceId: "https://graph.microsoft.com/",
    appInsightsResourceId: "https://api.applicationinsights.io",
    appInsightsTelemetryChannelResourceId: "https://dc.applicationinsights.azure.com/v2/track",
    attestationResourceId: "https://attest.azure.net",
    synapseAnalyticsResourceId: "https://dev.azuresynapse.net",
    logAnalyticsResourceId: "https://api.loganalytics.io",
    ossrDbmsResourceId: "https://ossrdbms-aad.database.windows.net",
  };
}

export function metadataRoutes(baseUrl: string): Route[] {
  return [{ method: "GET", path: "/metadata/endpoints", handler: (req) => {
    const version = req.url.searchParams.get("api-version");
    if (version === "2015-01-01") {
      return { status: 200, body: { galleryEndpoint: "https://gallery.azure.com/", graphEndpoint: "https://graph.windows.net/",
        portalEndpoint: "https://portal.azure.com/",
        authentication: { loginEndpoint: "https://login.microsoftonline.com/", audiences: ["https://management.core.windows.net/", "https://management.azure.com/"] } } };
    }
    // 2019-05-01 lists every cloud; 2022-09-01 answers with the one the endpoint belongs to.
    return { status: 200, body: version === "2019-05-01" ? [cloud(baseUrl)] : cloud(baseUrl) };
  } }];
}
