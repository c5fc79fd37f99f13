import { describe, expect, it } from "vitest";
import {
  cidrContains, cidrWithin, firstFreeAddress, formatIpv4, isAzureReserved, parseCidr, parseIpv4,
} from "../../../local/emulator/arm/network/ipMath.js";

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`bad cidr ${text}`);
  return parsed;
};
const ip = (text: string) => parseIpv4(text) as number;

describe("IPv4 and subnet arithmetic", () => {
  it("parses and formats addresses, rejecting malformed ones", () => {
    expect(formatIpv4(ip("10.0.3.10"))).toBe("10.0.3.10");
    for (const bad of ["10.0.3", "10.0.3.256", "a.b.c.d", "10.0.3.1.2", ""]) expect(parseIpv4(bad)).toBeUndefined();
  });

  it("normalizes a CIDR to its network address", () => {
    expect(cidr("10.0.3.77/24")).toEqual({ network: ip("10.0.3.0"), prefixLength: 24, size: 256 });
    expect(parseCidr("10.0.3.0/33")).toBeUndefined();
    expect(parseCidr("10.0.3.0")).toBeUndefined();
  });

  it("tells whether an address or a prefix lies inside another", () => {
    expect(cidrContains(cidr("10.0.3.0/24"), ip("10.0.3.255"))).toBe(true);
    expect(cidrContains(cidr("10.0.3.0/24"), ip("10.0.4.0"))).toBe(false);
    expect(cidrWithin(cidr("10.0.3.0/24"), cidr("10.0.0.0/16"))).toBe(true);
    expect(cidrWithin(cidr("10.0.0.0/15"), cidr("10.0.0.0/16"))).toBe(false);
  });

  it.each([
    ["10.0.3.0", true], ["10.0.3.1", true], ["10.0.3.2", true], ["10.0.3.3", true],
    ["10.0.3.4", false], ["10.0.3.254", false], ["10.0.3.255", true],
  ])("treats %s as reserved: %s (Azure keeps 5 per subnet)", (address, reserved) => {
    expect(isAzureReserved(cidr("10.0.3.0/24"), ip(address))).toBe(reserved);
  });

  it("hands out the first free unreserved address, and none when the subnet is full", () => {
    const subnet = cidr("10.0.3.0/29"); // .4, .5, .6 usable
    expect(formatIpv4(firstFreeAddress(subnet, new Set()) as number)).toBe("10.0.3.4");
    expect(formatIpv4(firstFreeAddress(subnet, new Set([ip("10.0.3.4")])) as number)).toBe("10.0.3.5");
    expect(firstFreeAddress(subnet, new Set([ip("10.0.3.4"), ip("10.0.3.5"), ip("10.0.3.6")]))).toBeUndefined();
  });
});
