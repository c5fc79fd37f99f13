// On one resource group that holds clusters and their private endpoints: the app's role for them, and the Event
// Grid system topic whose private endpoint writes wake a provisioning's approval wait early (polling stays the
// guaranteed path: architecture.md "Events"). Delivery as for the vault: endpoint type AzureFunction.
@description('Principal id of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Resource id of that identity (names the role assignments: known before the deployment runs).')
param appIdentityId string

@description('Which of the app\'s roles this is (names the role assignment).')
param roleKey string

@description('Resource id of the app\'s custom role for cluster resource groups.')
param roleDefinitionId string

@description('Create the Event Grid subscription (the function must exist: deploy the code first).')
param subscribeEvents bool

@description('Resource id of the function that receives the events (…/sites/{app}/functions/{name}).')
param functionId string

@description('Event Grid event types the function handles.')
param eventTypes string[]

@description('Tags.')
param tags { *: string }

resource appGroupRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, appIdentityId, roleKey)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Resource group topics are global (Learn: event-schema-resource-groups); one system topic per source is allowed.
resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = if (subscribeEvents) {
  name: '${resourceGroup().name}-resource-events'
  location: 'global'
  tags: tags
  properties: {
    source: resourceGroup().id
    topicType: 'Microsoft.Resources.ResourceGroups'
  }
}

resource endpointEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (subscribeEvents) {
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
    filter: {
      includedEventTypes: eventTypes
      subjectBeginsWith: '${resourceGroup().id}/providers/Microsoft.Network/privateEndpoints/'
      isSubjectCaseSensitive: false
    }
  }
}
