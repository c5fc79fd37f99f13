// Private endpoints, their NICs and subnets (Microsoft.Network, arm-network 36.0.0 → api 2025-05-01).
import type { NetworkManagementClient, PrivateEndpoint } from "@azure/arm-network";
import { parseResourceId, parseSubnetId } from "../domain/resourceId.js";
import { acceptedWrite } from "./acceptedWrites.js";
import { AzureOperationError, azureCall, azureGet } from "./errors.js";
import type { NetworkApi, PrivateEndpointRef, PrivateEndpointState } from "../domain/networkPorts.js";

type NetworkFor = (subscriptionId: string) => NetworkManagementClient;

const endpointName = (r: PrivateEndpointRef) => `private endpoint ${r.resourceGroup}/${r.name}`;

function toEndpointState(pe: PrivateEndpoint): PrivateEndpointState {
  // A connection to a Private Link Service that needs approval is a *manual* connection (§4.2).
  const connection = pe.manualPrivateLinkServiceConnections?.[0] ?? pe.privateLinkServiceConnections?.[0];
  return {
    id: pe.id ?? "",
    provisioningState: pe.provisioningState,
    subnetId: pe.subnet?.id,
    privateLinkServiceId: connection?.privateLinkServiceId,
    connectionStatus: connection?.privateLinkServiceConnectionState?.status,
    connectionDescription: connection?.privateLinkServiceConnectionState?.description,
    networkInterfaceId: pe.networkInterfaces?.[0]?.id,
    staticIpAddresses: (pe.ipConfigurations ?? []).map((c) => c.privateIPAddress ?? "").filter(Boolean),
    tags: { ...(pe.tags ?? {}) },
  };
}

function badId(kind: string, id: string): AzureOperationError {
  return new AzureOperationError("permanent", `parse ${kind} id`, "InvalidResourceId", undefined, `not a ${kind} resource id: ${id}`);
}

function subnetRef(id: string) {
  const ref = parseSubnetId(id);
  if (!ref) throw badId("subnet", id);
  return ref;
}

export function createNetworkApi(network: NetworkFor): NetworkApi {
  return {
    getPrivateEndpoint: async (ref) => {
      const pe = await azureGet(`get ${endpointName(ref)}`, () =>
        network(ref.subscriptionId).privateEndpoints.get(ref.resourceGroup, ref.name));
      return pe && toEndpointState(pe);
    },
    beginCreatePrivateEndpoint: (spec) =>
      azureCall(`create ${endpointName(spec)}`, async () => {
        // No groupIds for a Private Link Service target: the RP rejects them with ipConfigurations (§4.2).
        await acceptedWrite((options) => network(spec.subscriptionId).privateEndpoints.beginCreateOrUpdate(spec.resourceGroup, spec.name, {
          location: spec.location,
          tags: spec.tags,
          subnet: { id: spec.subnetId },
          manualPrivateLinkServiceConnections: [
            { name: spec.name, privateLinkServiceId: spec.privateLinkServiceId, requestMessage: spec.requestMessage.slice(0, 140) },
          ],
          ipConfigurations: [{ name: "static", privateIPAddress: spec.staticIpAddress }],
          customNetworkInterfaceName: spec.networkInterfaceName,
        }, options));
      }),
    beginDeletePrivateEndpoint: (ref) =>
      azureCall(`delete ${endpointName(ref)}`, async () => {
        await acceptedWrite((options) => network(ref.subscriptionId).privateEndpoints.beginDelete(ref.resourceGroup, ref.name, options));
      }),
    getNetworkInterfaceIp: async (nicId) => {
      const ref = parseResourceId(nicId);
      if (!ref) throw badId("network interface", nicId);
      const nic = await azureGet(`get network interface ${ref.resourceGroup}/${ref.name}`, () =>
        network(ref.subscriptionId).networkInterfaces.get(ref.resourceGroup, ref.name));
      return nic?.ipConfigurations?.[0]?.privateIPAddress;
    },
    getSubnet: async (id) => {
      const ref = subnetRef(id);
      const subnet = await azureGet(`get subnet ${ref.virtualNetwork}/${ref.subnet}`, () =>
        network(ref.subscriptionId).subnets.get(ref.resourceGroup, ref.virtualNetwork, ref.subnet));
      if (!subnet) return undefined;
      const prefixes = [...(subnet.addressPrefix ? [subnet.addressPrefix] : []), ...(subnet.addressPrefixes ?? [])];
      return { id: subnet.id ?? id, addressPrefixes: [...new Set(prefixes)] };
    },
    isIpAddressAvailable: (id, ipAddress) => {
      const ref = subnetRef(id);
      return azureCall(`check address ${ipAddress} in ${ref.virtualNetwork}`, async () => {
        const result = await network(ref.subscriptionId).virtualNetworks.checkIPAddressAvailability(
          ref.resourceGroup, ref.virtualNetwork, ipAddress);
        return result.available === true;
      });
    },
  };
}
