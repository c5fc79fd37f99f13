// The app's permissions, each where it applies: the custom roles (from the permissions table) on the cluster
// resource groups, the subscription, the virtual network and the vault, plus the Event Grid subscriptions that
// reach the app's two event functions. The role definitions get names known up front, so each assignment can
// name its role without waiting for an output.
@description('Function App name (in this resource group); also distinguishes the role names.')
param appName string

@description('Resource id of the app\'s user-assigned identity.')
param appIdentityId string

@description('Principal id of that identity.')
param appPrincipalId string

@description('Vault name.')
param vaultName string

@description('Resource group of the vault.')
param vaultResourceGroupName string

@description('Region of the vault.')
param vaultLocation string

@description('Resource groups where the app creates clusters and private endpoints.')
param clusterResourceGroupNames string[]

@description('Virtual network name.')
param virtualNetworkName string

@description('Resource group of the virtual network.')
param virtualNetworkResourceGroupName string

@description('Object id of the Azure Cosmos DB service principal; empty: assigned by hand.')
param cassandraServicePrincipalObjectId string

@description('Create the Event Grid subscriptions (the functions must exist: deploy the code first).')
param subscribeEvents bool

@description('Tags.')
param tags { *: string }

var roleNames = {
  clusterResourceGroup: guid(subscription().id, appName, 'clusterResourceGroup')
  subscription: guid(subscription().id, appName, 'subscription')
  virtualNetwork: guid(subscription().id, appName, 'virtualNetwork')
  keyVault: guid(subscription().id, appName, 'keyVault')
}
// The app's event functions and the event types they handle (src/functions/keyVaultEvents.ts, endpointEvents.ts).
var keyVaultEvents = ['Microsoft.KeyVault.CertificateNearExpiry', 'Microsoft.KeyVault.CertificateExpired']
var resourceEvents = ['Microsoft.Resources.ResourceWriteSuccess', 'Microsoft.Resources.ResourceActionSuccess']

func roleId(name string) string => subscriptionResourceId('Microsoft.Authorization/roleDefinitions', name)

module roles 'appRoles.bicep' = {
  scope: subscription()
  params: { appName: appName, roleNames: roleNames, appPrincipalId: appPrincipalId, appIdentityId: appIdentityId }
}

module vaultAccess 'keyVaultAccess.bicep' = {
  scope: resourceGroup(vaultResourceGroupName)
  params: {
    vaultName: vaultName
    location: vaultLocation
    appPrincipalId: appPrincipalId
    appIdentityId: appIdentityId
    roleKey: 'keyVault'
    roleDefinitionId: roleId(roleNames.keyVault)
    subscribeEvents: subscribeEvents
    functionId: resourceId('Microsoft.Web/sites/functions', appName, 'onKeyVaultEvent')
    eventTypes: keyVaultEvents
    tags: tags
  }
  dependsOn: [roles]
}

module clusterGroups 'clusterGroupAccess.bicep' = [for group in clusterResourceGroupNames: {
  scope: resourceGroup(group)
  params: {
    appPrincipalId: appPrincipalId
    appIdentityId: appIdentityId
    roleKey: 'clusterResourceGroup'
    roleDefinitionId: roleId(roleNames.clusterResourceGroup)
    subscribeEvents: subscribeEvents
    functionId: resourceId('Microsoft.Web/sites/functions', appName, 'onResourceEvent')
    eventTypes: resourceEvents
    tags: tags
  }
  dependsOn: [roles]
}]

module network 'networkAccess.bicep' = {
  scope: resourceGroup(virtualNetworkResourceGroupName)
  params: {
    virtualNetworkName: virtualNetworkName
    appPrincipalId: appPrincipalId
    appIdentityId: appIdentityId
    roleKey: 'virtualNetwork'
    roleDefinitionId: roleId(roleNames.virtualNetwork)
    cassandraServicePrincipalObjectId: cassandraServicePrincipalObjectId
  }
  dependsOn: [roles]
}
