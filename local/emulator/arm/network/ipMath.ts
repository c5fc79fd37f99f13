// IPv4 and CIDR arithmetic for subnets and private endpoint addresses (reference §4.2).

export interface Cidr {
  network: number;
  prefixLength: number;
  size: number;
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefix, ...rest] = text.split("/");
  if (rest.length > 0 || address === undefined || prefix === undefined || !/^\d{1,2}$/.test(prefix)) return undefined;
  const ip = parseIpv4(address);
  const prefixLength = Number(prefix);
  if (ip === undefined || prefixLength > 32) return undefined;
  const size = 2 ** (32 - prefixLength);
  return { network: ip - (ip % size), prefixLength, size };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.network && ip < cidr.network + cidr.size;
}

export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return cidrContains(outer, inner.network) && cidrContains(outer, inner.network + inner.size - 1);
}

/** Azure keeps five addresses of every subnet: the network address, the next three, and the broadcast. */
export function isAzureReserved(cidr: Cidr, ip: number): boolean {
  const offset = ip - cidr.network;
  return offset <= 3 || offset === cidr.size - 1;
}

/** The first address Azure would hand out dynamically, skipping reserved and used ones. */
export function firstFreeAddress(cidr: Cidr, used: ReadonlySet<number>): number | undefined {
  for (let ip = cidr.network + 4; ip < cidr.network + cidr.size - 1; ip++) {
    if (!used.has(ip)) return ip;
  }
  return undefined;
}
