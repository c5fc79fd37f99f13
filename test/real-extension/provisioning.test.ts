// The provisioning saga on the real Durable extension (3.19.0) and Azure Storage (Azurite): its happy path,
// first certificates included, and a compensation after a late failure — the same outcomes tier one checks
// on the local runtime (test/integration/provisioning), now with DTFx replaying the history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SUBSCRIPTION_ID } from "../../local/appEnvironment.js";
import { partsOf, requestFor, resourcesOf, writesTo } from "../support/provisioningScenario.js";
import { provisionApproved } from "./support/provisioning.js";
import { startRealWorld, type RealWorld } from "./support/realWorld.js";
import { expectStatus } from "./support/status.js";

let world: RealWorld;
beforeAll(async () => {
  world = await startRealWorld();
});
afterAll(async () => world?.dispose());

const deleted = (...actions: string[]) => actions.map((action) => ({ action, outcome: "deleted" }));

describe("provisioning on the real extension", () => {
  it("happy path: one POST, an approval, a VPN datacenter with its first certificates", async () => {
    const name = "cass-rx-ok";
    const done = await provisionApproved(world, name, requestFor(name, "10.20.3.10"));
    expectStatus(done, "Completed");
    expect(done.output).toMatchObject({
      clusterId: `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/cass-demo-rg/providers/Microsoft.DocumentDB/cassandraClusters/${name}`,
      privateEndpointIp: "10.20.3.10",
      approval: { outcome: "Approved" },
      certificates: { action: "rotateCa", reasons: ["no current CA"] },
    });
    expect(done.output.nodes).toHaveLength(3);
    expect(resourcesOf(world.azureSide(), name)).toEqual(partsOf(name, "cluster", "endpoint", "datacenter"));
    const view = await world.api("GET", `/api/provisionings/${done.instanceId}`);
    expect(view.body).toMatchObject({ runtimeStatus: "Completed", progress: { step: "done" } });
  });

  it("compensation: a datacenter operation that ends Failed deletes the datacenter, the endpoint and the cluster", async () => {
    const name = "cass-rx-dclro";
    world.emulator.addFault({ match: { method: "PUT", pathPattern: `/cassandraClusters/${name}/dataCenters/dc1$` }, response: { lroStatus: "Failed" }, times: 1 });
    const failed = await provisionApproved(world, name, requestFor(name, "10.20.3.46"));
    expectStatus(failed, "Failed");
    expect(failed.output).toContain("failed at createDatacenter: datacenter provisioning is Failed: InjectedFault");
    expect(failed.customStatus.compensation).toEqual(deleted("delete datacenter dc1", `delete private endpoint ${name}-pe`, `delete cluster ${name}`));
    expect(resourcesOf(world.azureSide(), name)).toEqual([]);
    const deletes = writesTo(world.azureSide(), `/${name}`).filter((w) => w.startsWith("DELETE"));
    expect(deletes.map((d) => d.split("/").slice(-2).join("/"))).toEqual(["dataCenters/dc1", `privateEndpoints/${name}-pe`, `cassandraClusters/${name}`]);
  });
});
