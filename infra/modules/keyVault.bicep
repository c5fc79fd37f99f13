// A new vault for the cluster CAs, client certificates and admin password secrets: Azure RBAC permission model
// (the app's roles are data actions, which work only in RBAC mode: azure-rest.md §8), soft delete with purge
// protection (a CA key must not be purgeable by mistake).
@description('Vault name.')
param name string

@description('Region.')
param location string

@description('Tags.')
param tags { *: string }

@description('Reach the vault only through a private endpoint.')
param privateOnly bool

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: { defaultAction: privateOnly ? 'Deny' : 'Allow', bypass: 'AzureServices' }
  }
}

@description('Vault id.')
output id string = vault.id
