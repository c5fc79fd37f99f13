// How the app runs: monitoring, the host's storage, the Durable backend (Azure Storage in that account, or a
// Durable Task Scheduler) and the Flex Consumption app itself, all reached with the app's managed identity.
@description('Suffix of every resource name.')
param token string

@description('Function App name.')
param appName string

@description('Region.')
param location string

@description('Tags.')
param tags { *: string }

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Principal id of that identity.')
param identityPrincipalId string

@description('Client id of that identity.')
param identityClientId string

@description('Resource id of the integration subnet.')
param subnetId string

@description('Vault URL.')
param keyVaultUrl string

@description('Reach storage only through private endpoints.')
param privateOnly bool

@description('Durable Functions backend.')
@allowed(['azureStorage', 'durableTaskScheduler'])
param durableBackend string

@description('More app settings.')
param appSettings { name: string, value: string }[]

@description('Most instances.')
param maximumInstanceCount int

@description('Memory per instance.')
param instanceMemoryMB int

var useScheduler = durableBackend == 'durableTaskScheduler'

module monitoring 'monitoring.bicep' = {
  params: {
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
    location: location
    tags: tags
    appPrincipalId: identityPrincipalId
    appIdentityId: identityId
  }
}

module storage 'storage.bicep' = {
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    appPrincipalId: identityPrincipalId
    appIdentityId: identityId
    privateOnly: privateOnly
  }
}

module scheduler 'durableTaskScheduler.bicep' = if (useScheduler) {
  params: {
    name: 'dts-${token}'
    location: location
    tags: tags
    taskHubName: loadJsonContent('../../host.json').extensions.durableTask.hubName
    skuName: 'Consumption'
    appPrincipalId: identityPrincipalId
    appIdentityId: identityId
  }
}

module app 'functionApp.bicep' = {
  params: {
    name: appName
    planName: 'plan-${token}'
    location: location
    tags: tags
    identityId: identityId
    identityClientId: identityClientId
    storageAccountName: 'st${token}'
    deploymentContainerName: 'app-package'
    applicationInsightsName: 'appi-${token}'
    subnetId: subnetId
    keyVaultUrl: keyVaultUrl
    // Overrides of host.json by app setting (Learn: functions-host-json "Override host.json values").
    durableSettings: useScheduler ? [
      { name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type', value: 'azureManaged' }
      { name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName', value: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING' }
      { name: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING', value: 'Endpoint=${scheduler.?outputs.endpoint ?? ''};Authentication=ManagedIdentity;ClientID=${identityClientId}' }
    ] : []
    appSettings: appSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  dependsOn: [storage, monitoring]
}

@description('Storage account id.')
output storageAccountId string = storage.outputs.id

@description('Default host name of the app.')
output hostName string = app.outputs.hostName

@description('Task hub dashboard of the Durable Task Scheduler; empty on Azure Storage.')
output durableTaskDashboardUrl string = scheduler.?outputs.dashboardUrl ?? ''
