// On the virtual network (in its own resource group): the app's role for subnets (preflight reads, IP checks,
// joining the endpoint subnet) and, as an option, the documented prerequisite that the Azure Cosmos DB service
// principal (first-party app a232010e-820c-4083-83bb-3ace5fc29d0b) holds Network Contributor on the VNet
// (Learn: managed-instance-apache-cassandra create-cluster-cli).
@description('Virtual network name (in this module\'s resource group).')
param virtualNetworkName string

@description('Principal id of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Resource id of that identity (names the role assignments: known before the deployment runs).')
param appIdentityId string

@description('Which of the app\'s roles this is (names the role assignment).')
param roleKey string

@description('Resource id of the app\'s custom role for the virtual network.')
param roleDefinitionId string

@description('Object id of the Azure Cosmos DB service principal in this tenant; empty: assigned by hand.')
param cassandraServicePrincipalObjectId string

// Built-in role "Network Contributor".
var networkContributor = '4d97b98b-1d4f-4787-a291-c67834d212e7'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: virtualNetworkName
}

resource appNetworkRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vnet.id, appIdentityId, roleKey)
  scope: vnet
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource cassandraNetworkRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(cassandraServicePrincipalObjectId)) {
  name: guid(vnet.id, cassandraServicePrincipalObjectId, networkContributor)
  scope: vnet
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', networkContributor)
    principalId: cassandraServicePrincipalObjectId
    principalType: 'ServicePrincipal'
  }
}
