// Network ports: the private endpoint that connects the VPN cluster to the user's subnet, its NIC and the subnet
// checks a preflight makes. Apart from ports.ts because only the endpoint steps and the preflight use them.
import type { ProvisioningState } from "./ports.js";

export interface PrivateEndpointRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface PrivateEndpointSpec extends PrivateEndpointRef {
  location: string;
  subnetId: string;
  privateLinkServiceId: string;
  staticIpAddress: string;
  requestMessage: string;
  networkInterfaceName: string;
  tags: Record<string, string>;
}

export interface PrivateEndpointState {
  id: string;
  provisioningState: ProvisioningState;
  subnetId: string | undefined;
  privateLinkServiceId: string | undefined;
  /** Pending, Approved, Rejected or Disconnected (manual connection to a Private Link Service). */
  connectionStatus: string | undefined;
  connectionDescription: string | undefined;
  networkInterfaceId: string | undefined;
  staticIpAddresses: string[];
  tags: Record<string, string>;
}

export interface SubnetState {
  id: string;
  addressPrefixes: string[];
}

export interface NetworkApi {
  getPrivateEndpoint(ref: PrivateEndpointRef): Promise<PrivateEndpointState | undefined>;
  beginCreatePrivateEndpoint(spec: PrivateEndpointSpec): Promise<void>;
  beginDeletePrivateEndpoint(ref: PrivateEndpointRef): Promise<void>;
  /** `ipConfigurations[0].privateIPAddress` of a NIC, by NIC resource id. */
  getNetworkInterfaceIp(networkInterfaceId: string): Promise<string | undefined>;
  getSubnet(subnetId: string): Promise<SubnetState | undefined>;
  /** Whether an address is free in the subnet's virtual network (VirtualNetworks_CheckIPAddressAvailability). */
  isIpAddressAvailable(subnetId: string, ipAddress: string): Promise<boolean>;
}
