// One POST → a VPN-connected datacenter, through the local runtime (real replay engine), the app's
// real SDK clients and the emulator, on a virtual clock. Approval here arrives as an Event Grid event, which Azure
// does not send (host-and-service.md item 6): this file opts in to the emulator's approval events (the hint path).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSubnetId } from "../../../local/appEnvironment.js";
import { demoProvisioningRequest, eventually, startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { approvalIdOf, clusterIdOf, provisioningIdOf } from "../../support/testIds.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ emulator: { approvalEvents: true } });
});
afterAll(() => world.dispose());

const approvalId = approvalIdOf("cass-demo");
const byType = (type: string) => world.emulator.resources().filter((r) => r.type === type);

describe("provisioning happy path", () => {
  it("answers 202 with the app's own status route as Location, never the extension's management URLs", async () => {
    const res = await world.api("POST", "/api/provisionings", demoProvisioningRequest());
    expect(res.status).toBe(202);
    expect(res.body.id).toBe(provisioningIdOf("cass-demo"));
    expect(res.body.statusUri).toBe(`${world.origin()}/api/provisionings/${encodeURIComponent(res.body.id)}`);
    expect(res.headers.get("location")).toBe(res.body.statusUri);
    expect(Object.keys(res.body).sort()).toEqual(["id", "statusUri"]);
  });

  it("waits for approval with a readable progress, then completes when the approval event arrives", async () => {
    const id = provisioningIdOf("cass-demo");
    await world.runUntil(() => world.runtime.status(approvalId)?.runtimeStatus === "Running"
      && Boolean((world.runtime.status(approvalId)?.customStatus as { waitingOn?: string } | undefined)?.waitingOn));
    const waiting = await world.api("GET", `/api/provisionings/${id}`);
    expect(waiting.body.runtimeStatus).toBe("Running");
    expect(waiting.body.progress.step).toBe("awaitApproval");
    expect(waiting.body.progress.steps.map((s: { step: string }) => s.step)).toEqual(["preflight", "createCluster", "createPrivateEndpoint", "awaitApproval"]);
    expect(waiting.body.progress.waitingOn).toMatch(/^approval of cass-demo-pe since .+, next check at .+, deadline .+$/);
    const nextCheckAt = Date.parse(waiting.body.progress.nextCheckAt);

    const endpoint = byType("Microsoft.Network/privateEndpoints")[0]!;
    world.emulator.approve({ privateEndpointId: endpoint.id, status: "Approved" });
    // No virtual time passes here: only the event can end the wait.
    await eventually(() => world.runtime.status(approvalId)?.runtimeStatus === "Completed", "the approval event to end the wait");
    const done = await world.runtime.waitForCompletion(id);
    expect(done.runtimeStatus).toBe("Completed");
    const output = done.output as Record<string, any>;
    // Decided on the event, before the poll timer would have fired.
    expect(Date.parse(output.approval.decidedAt)).toBeLessThan(nextCheckAt);
    expect(output).toMatchObject({
      clusterId: clusterIdOf("cass-demo"),
      privateEndpointIp: "10.20.3.10",
      adoptedExistingCluster: false,
      approval: { outcome: "Approved" },
    });
    expect(output.privateEndpointId).toMatch(/\/privateEndpoints\/cass-demo-pe$/);
    expect(output.datacenterId).toMatch(/\/dataCenters\/dc1$/);
    expect(output.nodes).toHaveLength(3);
  });

  it("leaves a VPN cluster, an approved endpoint on the static IP and a datacenter bound to it", async () => {
    const [cluster] = byType("Microsoft.DocumentDB/cassandraClusters");
    expect(cluster?.properties).toMatchObject({ azureConnectionMethod: "VPN", provisioningState: "Succeeded" });
    expect(cluster?.properties.privateLinkResourceId).toBeTruthy();
    const [endpoint] = byType("Microsoft.Network/privateEndpoints");
    const connection = (endpoint?.properties.manualPrivateLinkServiceConnections as any[])[0].properties;
    expect(connection.privateLinkServiceConnectionState.status).toBe("Approved");
    expect(connection.privateLinkServiceId).toBe(cluster?.properties.privateLinkResourceId);
    expect((endpoint?.properties.subnet as { id: string }).id).toBe(demoSubnetId("endpoints"));
    const [nic] = byType("Microsoft.Network/networkInterfaces");
    expect((nic?.properties.ipConfigurations as any[])[0].properties).toMatchObject({ privateIPAddress: "10.20.3.10", privateIPAllocationMethod: "Static" });
    const [dc] = byType("Microsoft.DocumentDB/cassandraClusters/dataCenters");
    expect(dc?.properties).toMatchObject({ privateEndpointIpAddress: "10.20.3.10", provisioningState: "Succeeded", nodeCount: 3 });
  });

  it("shows the output on GET once completed", async () => {
    const res = await world.api("GET", `/api/provisionings/${provisioningIdOf("cass-demo")}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ runtimeStatus: "Completed", progress: { step: "done" }, output: { privateEndpointIp: "10.20.3.10" } });
  });
});
