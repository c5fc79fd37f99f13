// Where a private endpoint's address comes from: its subnet's prefix, minus Azure's reserved and used addresses
// (reference §4.2; the error codes are third-party evidence only, §10).
import { badRequest } from "../errors.js";
import { idKey, parseSubnetId } from "../ids.js";
import type { ArmResource, ArmState } from "../state.js";
import type { EmulatorResponse } from "../../types.js";
import { cidrContains, firstFreeAddress, formatIpv4, isAzureReserved, parseCidr, parseIpv4, type Cidr } from "./ipMath.js";

export interface SubnetLocation {
  virtualNetwork: ArmResource;
  subnet: Record<string, unknown> & { id: string; name: string; properties: Record<string, unknown> };
  cidr: Cidr;
}

export function findSubnet(state: ArmState, subnetId: string): SubnetLocation | undefined {
  const ref = parseSubnetId(subnetId);
  const virtualNetwork = ref && state.virtualNetworks.get(idKey(ref.virtualNetworkId));
  const subnets = (virtualNetwork?.properties.subnets ?? []) as SubnetLocation["subnet"][];
  const subnet = subnets.find((s) => s.name.toLowerCase() === ref?.subnetName.toLowerCase());
  const cidr = subnet && parseCidr(String(subnet.properties.addressPrefix ?? ""));
  return virtualNetwork && subnet && cidr ? { virtualNetwork, subnet, cidr } : undefined;
}

/** Addresses held by NICs in the same virtual network, other than `exceptNicKey`. */
export function usedAddresses(state: ArmState, virtualNetworkId: string, exceptNicKey?: string): Set<number> {
  const used = new Set<number>();
  for (const [key, nic] of state.networkInterfaces) {
    if (key === exceptNicKey) continue;
    for (const config of (nic.properties.ipConfigurations ?? []) as Array<{ properties: Record<string, unknown> }>) {
      const subnetId = String((config.properties.subnet as { id?: string } | undefined)?.id ?? "");
      const ip = parseIpv4(String(config.properties.privateIPAddress ?? ""));
      if (ip !== undefined && idKey(parseSubnetId(subnetId)?.virtualNetworkId ?? "") === idKey(virtualNetworkId)) used.add(ip);
    }
  }
  return used;
}

/** The static address after Azure's checks, or the first free one when none was requested. */
export function assignAddress(
  state: ArmState,
  where: SubnetLocation,
  requested: string | undefined,
): { ip: string; allocation: "Static" | "Dynamic" } | EmulatorResponse {
  const used = usedAddresses(state, where.virtualNetwork.id);
  const prefix = String(where.subnet.properties.addressPrefix);
  if (requested === undefined) {
    const free = firstFreeAddress(where.cidr, used);
    if (free === undefined) return badRequest("SubnetIsFull", `Subnet ${where.subnet.id} has no free address left.`);
    return { ip: formatIpv4(free), allocation: "Dynamic" };
  }
  const ip = parseIpv4(requested);
  if (ip === undefined) return badRequest("InvalidPrivateIPAddressFormat", `Private IP address ${requested} is not a valid IPv4 address.`);
  if (!cidrContains(where.cidr, ip)) {
    return badRequest("PrivateIPAddressNotInSubnet", `Private static IP address ${requested} does not belong to the range of subnet prefix ${prefix}.`);
  }
  if (isAzureReserved(where.cidr, ip)) {
    return badRequest("PrivateIPAddressIsReserved", `Private static IP address ${requested} is one of the addresses Azure reserves in subnet prefix ${prefix}.`);
  }
  if (used.has(ip)) {
    return badRequest("PrivateIPAddressInUse", `Private static IP address ${requested} is already in use in virtual network ${where.virtualNetwork.id}.`);
  }
  return { ip: requested, allocation: "Static" };
}

/**
 * VirtualNetworks_CheckIPAddressAvailability: free means inside one of the network's subnets, not
 * reserved by Azure and not held by a NIC; a taken address comes with up to five free alternatives.
 */
export function ipAvailability(state: ArmState, virtualNetwork: ArmResource, text: string): Record<string, unknown> | EmulatorResponse {
  const ip = parseIpv4(text);
  if (ip === undefined) return badRequest("InvalidPrivateIPAddressFormat", `Private IP address ${text} is not a valid IPv4 address.`);
  const used = usedAddresses(state, virtualNetwork.id);
  const cidrs = ((virtualNetwork.properties.subnets ?? []) as Array<{ properties: Record<string, unknown> }>)
    .map((s) => parseCidr(String(s.properties.addressPrefix ?? "")))
    .filter((c): c is Cidr => c !== undefined);
  const home = cidrs.find((c) => cidrContains(c, ip));
  if (home && !isAzureReserved(home, ip) && !used.has(ip)) return { available: true };
  const alternatives: string[] = [];
  for (const cidr of home ? [home, ...cidrs.filter((c) => c !== home)] : cidrs) {
    for (let candidate = cidr.network + 4; candidate < cidr.network + cidr.size - 1 && alternatives.length < 5; candidate++) {
      if (!used.has(candidate)) alternatives.push(formatIpv4(candidate));
    }
  }
  return { available: false, availableIPAddresses: alternatives };
}
