// On the vault (new or existing, in its own resource group): the app's Key Vault role, whose data actions come
// from the permissions table, and the Event Grid system topic that tells the app about expiring certificates.
// Event Grid delivers to an Azure Function with the function's system key (endpoint type AzureFunction):
// managed-identity delivery covers only Event Hubs, Service Bus and Storage queues (host-and-service.md).
@description('Vault name (in this module\'s resource group).')
param vaultName string

@description('Principal id of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Resource id of that identity (names the role assignments: known before the deployment runs).')
param appIdentityId string

@description('Which of the app\'s roles this is (names the role assignment).')
param roleKey string

@description('Resource id of the app\'s custom Key Vault role.')
param roleDefinitionId string

@description('Create the Event Grid subscription (the function must exist: deploy the code first).')
param subscribeEvents bool

@description('Resource id of the function that receives the events (…/sites/{app}/functions/{name}).')
param functionId string

@description('Event Grid event types the function handles.')
param eventTypes string[]

@description('Tags.')
param tags { *: string }

@description('Region of the vault (its system topic lives there).')
param location string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: vaultName
}

resource appVaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentityId, roleKey)
  scope: vault
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = if (subscribeEvents) {
  name: '${vaultName}-events'
  location: location
  tags: tags
  properties: {
    source: vault.id
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

resource certificateEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (subscribeEvents) {
  parent: topic
  name: last(split(functionId, '/'))
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: functionId
        maxEventsPerBatch: 1
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: { includedEventTypes: eventTypes }
  }
}
