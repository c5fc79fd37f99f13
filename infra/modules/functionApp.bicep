// The Function App on Flex Consumption (FC1, Node 22): the package comes from a blob container read with the
// user-assigned identity, which is also the identity for storage, Application Insights, ARM and Key Vault.
// VNet integration puts its outbound traffic into a subnet from which the Cassandra nodes answer on 9042: the
// first-certificates step dials every node with mTLS (host-and-service.md item 3).
@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region.')
param location string

@description('Tags (the app also gets azd-service-name).')
param tags { *: string }

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account of the host and the deployment container.')
param storageAccountName string

@description('Blob container Flex Consumption deploys the package from.')
param deploymentContainerName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Resource id of the integration subnet (delegated to Microsoft.App/environments).')
param subnetId string

@description('Vault URL (KEY_VAULT_URL).')
param keyVaultUrl string

@description('Durable backend settings that override host.json (empty for Azure Storage).')
param durableSettings { name: string, value: string }[]

@description('More app settings (the behaviour settings of README\'s configuration table).')
param appSettings { name: string, value: string }[]

@description('Most instances Flex Consumption may scale out to.')
param maximumInstanceCount int

@description('Memory per instance.')
param instanceMemoryMB int

var blobUri = 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
// What src/configSettings.ts requires, plus the host's identity-based storage connection (Learn: functions
// reference "Connecting to host storage with an identity"). Nothing here is a secret.
var baseSettings = [
  { name: 'AZURE_SUBSCRIPTION_ID', value: subscription().subscriptionId }
  { name: 'KEY_VAULT_URL', value: keyVaultUrl }
  { name: 'AZURE_CREDENTIAL', value: 'managedIdentity' }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobUri }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: 'https://${storageAccountName}.queue.${environment().suffixes.storage}' }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: 'https://${storageAccountName}.table.${environment().suffixes.storage}' }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
]

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: subnetId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobUri}/${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
      runtime: { name: 'node', version: '22' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(baseSettings, durableSettings, appSettings, [
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
      ])
    }
  }
}

@description('Function App resource id.')
output id string = app.id

@description('Default host name.')
output hostName string = app.properties.defaultHostName
