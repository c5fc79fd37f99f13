// Emulated Cassandra nodes live on loopback addresses 127.0.0.2, 127.0.0.3, … (unique across the emulator), so a
// later step can bind a TLS listener per node on port 9042 (environment.md: 127.0.0.2–254 bind without setup).
import { formatIpv4, parseIpv4 } from "../network/ipMath.js";

const FIRST = parseIpv4("127.0.0.2") as number;
const LAST = parseIpv4("127.255.255.254") as number;

export class NodeAddressPool {
  /** `owners`: address → owner key; the StateStore collection, so allocations survive restarts. */
  constructor(private readonly owners: Map<string, string>) {}

  allocate(owner: string, count: number): string[] {
    const addresses: string[] = [];
    for (let ip = FIRST; ip <= LAST && addresses.length < count; ip++) {
      const address = formatIpv4(ip);
      if (this.owners.has(address)) continue;
      this.owners.set(address, owner);
      addresses.push(address);
    }
    if (addresses.length < count) throw new Error("loopback node address pool exhausted");
    return addresses;
  }

  release(addresses: readonly string[]): void {
    for (const address of addresses) this.owners.delete(address);
  }
}
