// The Durable Task Scheduler backend (option): a scheduler, the task hub named as in host.json, and the app's
// Durable Task Data Contributor role (host-and-service.md; Azure-Samples durable-functions-quickstart-*-azd).
@description('Scheduler name.')
param name string

@description('Region.')
param location string

@description('Tags.')
param tags { *: string }

@description('Task hub name (host.json extensions.durableTask.hubName).')
param taskHubName string

@description('Scheduler SKU.')
@allowed(['Consumption', 'Dedicated'])
param skuName string

@description('Principal id of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Resource id of that identity (names the role assignments: known before the deployment runs).')
param appIdentityId string

// Built-in role "Durable Task Data Contributor".
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    // The app reaches it from its integrated subnet's outbound addresses; access is by Entra ID token only.
    ipAllowlist: ['0.0.0.0/0']
    sku: { name: skuName }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource appDurableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, appIdentityId, durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Scheduler endpoint for the app\'s connection setting.')
output endpoint string = scheduler.properties.endpoint

@description('Task hub dashboard (also at https://dashboard.durabletask.io).')
output dashboardUrl string = taskHub.properties.dashboardUrl
