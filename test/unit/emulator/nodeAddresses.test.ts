import { describe, expect, it } from "vitest";
import { NodeAddressPool } from "../../../local/emulator/arm/cassandra/nodeAddresses.js";

describe("loopback node address pool", () => {
  it("allocates 127.0.0.2 upwards, unique across owners, and reuses released addresses", () => {
    const owners = new Map<string, string>();
    const pool = new NodeAddressPool(owners);
    expect(pool.allocate("dc1", 3)).toEqual(["127.0.0.2", "127.0.0.3", "127.0.0.4"]);
    expect(pool.allocate("dc2", 2)).toEqual(["127.0.0.5", "127.0.0.6"]);
    pool.release(["127.0.0.3"]);
    expect(pool.allocate("dc3", 2)).toEqual(["127.0.0.3", "127.0.0.7"]);
    expect(owners.get("127.0.0.3")).toBe("dc3");
  });
});
