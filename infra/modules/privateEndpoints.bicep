// Option: private endpoints for the host's storage (blob, queue, table) and the vault in a subnet of the
// integrated VNet, with the privatelink DNS zones linked to that VNet so the app resolves them privately.
// Skip this when your hub already hosts those zones (link them instead).
@description('Region of the endpoints.')
param location string

@description('Tags.')
param tags { *: string }

@description('Resource id of the virtual network.')
param virtualNetworkId string

@description('Resource id of the subnet for the endpoints.')
param subnetId string

@description('Storage account id.')
param storageAccountId string

@description('Vault id, or empty when the vault is not this deployment\'s.')
param keyVaultId string

var storageTargets = [for service in ['blob', 'queue', 'table']: {
  name: service
  id: storageAccountId
  group: service
  zone: 'privatelink.${service}.${environment().suffixes.storage}'
}]
var vaultTargets = empty(keyVaultId) ? [] : [{
  name: 'vault'
  id: keyVaultId
  group: 'vault'
  zone: 'privatelink${environment().suffixes.keyvaultDns}'
}]
var targets = concat(storageTargets, vaultTargets)

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for t in targets: {
  name: t.zone
  location: 'global'
  tags: tags
}]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (t, i) in targets: {
  parent: zones[i]
  name: 'app-vnet'
  location: 'global'
  properties: { virtualNetwork: { id: virtualNetworkId }, registrationEnabled: false }
}]

resource endpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [for t in targets: {
  name: '${last(split(t.id, '/'))}-${t.name}-pe'
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [{ name: t.name, properties: { privateLinkServiceId: t.id, groupIds: [t.group] } }]
  }
}]

resource dnsGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [for (t, i) in targets: {
  parent: endpoints[i]
  name: 'default'
  properties: { privateDnsZoneConfigs: [{ name: t.name, properties: { privateDnsZoneId: zones[i].id } }] }
}]
