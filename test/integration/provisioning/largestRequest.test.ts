// The largest request the route accepts (100 nodes, 10 clients, names at their limits) completes, and the custom
// status of every instance it runs stays within 4 KB at every step: the extension fails an instance whose custom
// status exceeds 16 KB (host-and-service.md §1), so the result is the output, never the status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSubnetId } from "../../../local/appEnvironment.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";

const letters = (n: number, seed: string) => Array.from({ length: n }, (_, i) => seed[i % seed.length]).join("");
// The longest cluster name (100) with the longest clients (32): the Key Vault names `<stem>-client-<client>` still fit
// 127 characters (the stem keeps 69 of the name, docs/certificates.md "Names"), as the emulator's vault checks.
const clusterName = `c${letters(99, "abcdefghij")}`;
const clients = Array.from({ length: 10 }, (_, i) => `${i}${letters(31, "klmnopqrst")}`);
const request = {
  resourceGroup: "cass-demo-rg", clusterName, location: "eastus2", adminPasswordSecretName: "cass-demo-admin-password",
  privateEndpoint: { subnetId: demoSubnetId("endpoints"), ipAddress: "10.20.3.200", name: `pe${letters(78, "uvwxyz")}` },
  datacenter: { name: `dc${letters(98, "0123456789")}`, delegatedSubnetId: demoSubnetId("cassandra"), nodeCount: 100 },
  clients,
};

let world: LocalWorld;
const largestStatus = new Map<string, number>();
beforeAll(async () => {
  world = await startLocalWorld({
    runtime: {
      onProgress: (event) => {
        const status = world?.runtime.status(event.instanceId)?.customStatus;
        const bytes = status === undefined || status === null ? 0 : JSON.stringify(status).length * 2;
        largestStatus.set(event.name, Math.max(largestStatus.get(event.name) ?? 0, bytes));
      },
    },
  });
});
afterAll(() => world.dispose());

describe("the largest valid provisioning request", () => {
  it("completes with 100 nodes and 10 clients, every custom status within 4 KB", async () => {
    const started = await world.api("POST", "/api/provisionings", request);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await world.runUntil(() => world.emulator.resources().some((r) => r.name === request.privateEndpoint.name) || world.runtime.status(started.body.id)?.runtimeStatus !== "Running");
    expect(world.runtime.status(started.body.id)?.runtimeStatus, JSON.stringify(world.runtime.status(started.body.id)?.output)).toBe("Running");
    world.emulator.approve({ privateEndpointId: world.emulator.resources().find((r) => r.name === request.privateEndpoint.name)!.id, status: "Approved" });
    const done = await world.runtime.waitForCompletion(started.body.id);

    expect(done.runtimeStatus, JSON.stringify(done.output).slice(0, 500)).toBe("Completed");
    const output = done.output as { nodes: unknown[]; certificates: { clients: Record<string, unknown> } };
    expect(output.nodes).toHaveLength(100);
    expect(Object.keys(output.certificates.clients).sort()).toEqual([...clients].sort());
    expect([...largestStatus.keys()]).toEqual(expect.arrayContaining(["provisionVpnCluster", "awaitEndpointApproval", "rotateClusterCertificates"]));
    console.info(`largest custom status (UTF-16 bytes): ${JSON.stringify(Object.fromEntries(largestStatus))}`);
    for (const [name, bytes] of largestStatus) expect(bytes, name).toBeLessThanOrEqual(4 * 1024);
  }, 120_000);

  it("refuses one character more in the cluster name or a client name, naming the field", async () => {
    for (const [field, patch] of [["clusterName", { clusterName: `${clusterName}x` }], ["clients.0", { clients: [`${clients[0]}x`] }]] as const) {
      const res = await world.api("POST", "/api/provisionings", { ...request, ...patch });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field })]);
    }
  });
});
