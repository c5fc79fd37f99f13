// The app's custom roles, one per scope, with exactly the actions of the permissions table
// (src/adapters/permissions.ts → infra/generated/appRoles.json), and the subscription-scope assignment
// (subscription-wide cluster list, operation status URLs). The other roles are assigned where they apply.
targetScope = 'subscription'

@description('Distinguishes this deployment\'s roles (role names are unique per tenant).')
param appName string

@description('Role definition names (GUIDs) by scope, chosen by the caller so it knows the ids up front.')
param roleNames { clusterResourceGroup: string, subscription: string, virtualNetwork: string, keyVault: string }

@description('Principal id of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Resource id of that identity (names the role assignment: known before the deployment runs).')
param appIdentityId string

var table = loadJsonContent('../generated/appRoles.json')
// In this order: the outputs below index the definitions by position.
var roles = [
  { key: 'clusterResourceGroup', label: 'cluster resource groups', actions: table.clusterResourceGroup.actions, dataActions: [] }
  { key: 'subscription', label: 'subscription', actions: table.subscription.actions, dataActions: [] }
  { key: 'virtualNetwork', label: 'virtual network', actions: table.virtualNetwork.actions, dataActions: [] }
  { key: 'keyVault', label: 'Key Vault', actions: [], dataActions: table.keyVault.dataActions }
]

resource definitions 'Microsoft.Authorization/roleDefinitions@2022-04-01' = [for role in roles: {
  name: roleNames[role.key]
  properties: {
    roleName: 'Cassandra VPN automation ${appName}: ${role.label}'
    description: 'Generated from the app\'s permissions table: only what the app sends on this scope.'
    type: 'CustomRole'
    assignableScopes: [subscription().id]
    permissions: [{ actions: role.actions, notActions: [], dataActions: role.dataActions, notDataActions: [] }]
  }
}]

resource subscriptionRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, appIdentityId, 'subscription')
  properties: {
    roleDefinitionId: definitions[1].id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}
