// IPv4 rules for the private endpoint's static address. Azure reserves five addresses in every
// subnet: the network address, the next three (gateway and Azure DNS) and the broadcast address.
import ipaddr from "ipaddr.js";

/** Dotted-quad IPv4 in canonical form (no leading zeros, no shorthand). */
export function isIpv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function isIpv4Cidr(text: string): boolean {
  try {
    const [address] = ipaddr.parseCIDR(text);
    return address.kind() === "ipv4";
  } catch {
    return false;
  }
}

export type AddressFit = "inside" | "outside" | "reserved";

/** Where `ip` falls relative to the subnet prefix `cidr` (e.g. 10.0.3.0/24). */
export function addressFit(cidr: string, ip: string): AddressFit {
  const range = ipaddr.IPv4.parseCIDR(cidr);
  const address = ipaddr.IPv4.parse(ip);
  if (!address.match(range)) return "outside";
  const network = ipaddr.IPv4.networkAddressFromCIDR(cidr).toByteArray();
  const offset = toNumber(address.toByteArray()) - toNumber(network);
  const last = toNumber(ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toByteArray()) - toNumber(network);
  return offset <= 3 || offset === last ? "reserved" : "inside";
}

function toNumber(bytes: number[]): number {
  return bytes.reduce((n, b) => n * 256 + b, 0);
}
