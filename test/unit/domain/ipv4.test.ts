import { describe, expect, it } from "vitest";
import { addressFit, isIpv4, isIpv4Cidr } from "../../../src/domain/ipv4.js";

describe("isIpv4", () => {
  it.each(["10.0.3.10", "0.0.0.0", "255.255.255.255"])("accepts %s", (ip) => expect(isIpv4(ip)).toBe(true));
  it.each(["10.0.3", "10.0.3.256", "10.0.3.01", "10.0.3.10/32", "::1", "a.b.c.d", " 10.0.3.10", ""])("rejects %j", (ip) =>
    expect(isIpv4(ip)).toBe(false));
});

describe("isIpv4Cidr", () => {
  it("accepts IPv4 prefixes only", () => {
    expect(isIpv4Cidr("10.0.3.0/24")).toBe(true);
    expect(isIpv4Cidr("10.0.3.0")).toBe(false);
    expect(isIpv4Cidr("10.0.3.0/33")).toBe(false);
    expect(isIpv4Cidr("fd00::/64")).toBe(false);
  });
});

describe("addressFit", () => {
  it.each([
    ["10.0.3.0/24", "10.0.3.4", "inside"],
    ["10.0.3.0/24", "10.0.3.254", "inside"],
    ["10.0.3.0/24", "10.0.3.0", "reserved"],
    ["10.0.3.0/24", "10.0.3.1", "reserved"],
    ["10.0.3.0/24", "10.0.3.3", "reserved"],
    ["10.0.3.0/24", "10.0.3.255", "reserved"],
    ["10.0.3.0/24", "10.0.4.10", "outside"],
    ["10.0.3.64/27", "10.0.3.68", "inside"],
    ["10.0.3.64/27", "10.0.3.95", "reserved"],
    ["10.0.3.64/27", "10.0.3.96", "outside"],
    ["10.0.0.0/16", "10.0.255.255", "reserved"],
    ["10.0.0.0/16", "10.0.1.0", "inside"],
  ])("%s: %s is %s", (cidr, ip, fit) => expect(addressFit(cidr, ip)).toBe(fit));
});
