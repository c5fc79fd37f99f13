// The app in one resource group (azd `azd up`, or `az deployment group create`): identity, storage, monitoring,
// Key Vault (new or existing), Flex Consumption app with VNet integration, the custom roles generated from the
// permissions table, Event Grid to the app's two event functions, and the Durable backend. docs/deployment.md.
targetScope = 'resourceGroup'

@description('azd environment name; part of every generated resource name.')
param environmentName string

@description('Region of the app and its resources.')
param location string = resourceGroup().location

@description('Existing virtual network the app integrates with; the Cassandra datacenter subnets must be reachable from it on 9042.')
param virtualNetworkName string

@description('Resource group of that virtual network.')
param virtualNetworkResourceGroupName string = resourceGroup().name

@description('Existing subnet for VNet integration, delegated to Microsoft.App/environments (/27 or larger).')
param appSubnetName string

@description('Resource groups (this subscription) where the app creates clusters and private endpoints.')
param clusterResourceGroupNames string[] = [virtualNetworkResourceGroupName]

@description('Existing vault (Azure RBAC mode) to use; empty creates one.')
param existingKeyVaultName string = ''

@description('Resource group of the existing vault.')
param existingKeyVaultResourceGroupName string = resourceGroup().name

@description('Subnet of the VNet for private endpoints to storage and the new vault; empty: public endpoints.')
param privateEndpointSubnetName string = ''

@description('Durable Functions backend.')
@allowed(['azureStorage', 'durableTaskScheduler'])
param durableBackend string = 'azureStorage'

@description('Create the Event Grid subscriptions: only once the code is deployed (azure.yaml postdeploy does it).')
param subscribeEvents bool = false

@description('Object id of the Azure Cosmos DB service principal (app a232010e-820c-4083-83bb-3ace5fc29d0b) in this tenant, to give it Network Contributor on the VNet; empty: done by hand.')
param cassandraServicePrincipalObjectId string = ''

@description('More app settings (README configuration table), e.g. ROTATION_SCHEDULE.')
param appSettings { name: string, value: string }[] = []

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var appName = 'func-${token}'
var newVault = empty(existingKeyVaultName)
var vaultName = newVault ? 'kv-${token}' : existingKeyVaultName
var vaultResourceGroupName = newVault ? resourceGroup().name : existingKeyVaultResourceGroupName
var privateEndpoints = !empty(privateEndpointSubnetName)
var keyVaultUrl = 'https://${vaultName}${environment().suffixes.keyvaultDns}'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  scope: resourceGroup(virtualNetworkResourceGroupName)
  name: virtualNetworkName
}

resource existingVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = if (!newVault) {
  scope: resourceGroup(vaultResourceGroupName)
  name: vaultName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${token}'
  location: location
  tags: tags
}

module vault 'modules/keyVault.bicep' = if (newVault) {
  params: { name: vaultName, location: location, tags: tags, privateOnly: privateEndpoints }
}

module hosting 'modules/hosting.bicep' = {
  params: {
    token: token
    appName: appName
    location: location
    tags: tags
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    identityClientId: identity.properties.clientId
    subnetId: '${vnet.id}/subnets/${appSubnetName}'
    keyVaultUrl: keyVaultUrl
    privateOnly: privateEndpoints
    durableBackend: durableBackend
    appSettings: appSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module access 'modules/access.bicep' = {
  params: {
    appName: appName
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    vaultName: vaultName
    vaultResourceGroupName: vaultResourceGroupName
    vaultLocation: newVault ? location : existingVault!.location
    clusterResourceGroupNames: clusterResourceGroupNames
    virtualNetworkName: virtualNetworkName
    virtualNetworkResourceGroupName: virtualNetworkResourceGroupName
    cassandraServicePrincipalObjectId: cassandraServicePrincipalObjectId
    subscribeEvents: subscribeEvents
    tags: tags
  }
  // The Event Grid subscriptions name the app's functions; the vault must exist before its role assignment.
  dependsOn: [hosting, vault]
}

module endpoints 'modules/privateEndpoints.bicep' = if (privateEndpoints) {
  params: {
    location: location
    tags: tags
    virtualNetworkId: vnet.id
    subnetId: '${vnet.id}/subnets/${privateEndpointSubnetName}'
    storageAccountId: hosting.outputs.storageAccountId
    keyVaultId: newVault ? vault.?outputs.id ?? '' : ''
  }
}

@description('Function App name (azd deploys the package here).')
output SERVICE_API_NAME string = appName

@description('Base URL of the HTTP API.')
output API_BASE_URL string = 'https://${hosting.outputs.hostName}/api'

@description('Vault the app uses.')
output KEY_VAULT_URL string = keyVaultUrl

@description('Client id of the app\'s identity (not a secret).')
output AZURE_CLIENT_ID string = identity.properties.clientId

@description('Task hub dashboard of the Durable Task Scheduler; empty on Azure Storage.')
output DURABLE_TASK_DASHBOARD_URL string = hosting.outputs.durableTaskDashboardUrl
