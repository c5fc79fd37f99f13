// A failure injected at each forward step up to the endpoint's NIC (the emulator's fault rules) ends the saga Failed,
// naming the step, and its compensation removes exactly what the saga created, newest first: never what existed
// before it (datacenterStepFailures.test.ts has the datacenter and node steps).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSubnetId } from "../../../local/appEnvironment.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  armClients, decideEndpoint, idsFor, partsOf, requestFor, resourcesOf, startProvisioning, untilEnded, untilWaitingForApproval, writesTo,
} from "../../support/provisioningScenario.js";
import { CLUSTERS, deleted, inject, injected, provisionApproved } from "../../support/stepFaults.js";
import { clusterIdOf, DEMO_RESOURCE_GROUP, LOCAL_ADMIN_PASSWORD, nicIdOf } from "../../support/testIds.js";

let world: LocalWorld;
beforeAll(async () => {
  // Production-like operation polls; half an hour is the longest any one Azure operation may take here.
  world = await startLocalWorld({ env: { OPERATION_POLL_INTERVAL: "PT30S", OPERATION_TIMEOUT: "PT30M" } });
});
afterAll(() => world.dispose());

const ENDPOINTS = `/providers/Microsoft.Network/privateEndpoints`;
const unavailable = { error: { code: "ServiceUnavailable", message: "The service is temporarily unavailable" } };

describe("failures injected at the forward steps", () => {
  it("cluster PUT rejected: fails at createCluster and leaves nothing", async () => {
    const name = "cass-f-put";
    inject(world, "PUT", `${CLUSTERS}/${name}`, { status: 400, body: injected }, 1);
    await startProvisioning(world, requestFor(name, "10.20.3.40"));
    const failed = await untilEnded(world, name);
    expect(failed.runtimeStatus).toBe("Failed");
    expect(failed.error).toMatch(/failed at createCluster: .*400 InjectedFault.*Injected by the test/);
    expect(failed.progress.compensation).toEqual([{ action: `delete cluster ${name}`, outcome: "absent" }]);
    expect(resourcesOf(world, name)).toEqual([]);
    expect(writesTo(world, `/${name}`)).toEqual([`PUT ${clusterIdOf(name)}`]);
  });

  it("cluster PUT unavailable (503) for a while: retried by the durable retry policy, and the saga goes on", async () => {
    const name = "cass-f-503";
    // retry-after-ms keeps the SDK's own retries instant; after them the activity fails transiently once.
    inject(world, "PUT", `${CLUSTERS}/${name}`, { status: 503, headers: { "retry-after-ms": "1" }, body: unavailable }, 4);
    const done = await provisionApproved(world, name, "10.20.3.38");
    expect(done.runtimeStatus).toBe("Completed");
    const history = world.runtime.history(idsFor(name).provisioning);
    expect(history.filter((e) => e.EventType === 6 /* TaskFailed */)).toHaveLength(1);
    expect(writesTo(world, `${CLUSTERS}/${name}`).filter((w) => w.startsWith("PUT") && w.endsWith(name))).toHaveLength(5);
  });

  it("cluster PUT unavailable (503) for good: fails after five attempts and compensates", async () => {
    const name = "cass-f-down";
    inject(world, "PUT", `${CLUSTERS}/${name}`, { status: 503, headers: { "retry-after-ms": "1" }, body: unavailable });
    await startProvisioning(world, requestFor(name, "10.20.3.39"));
    const failed = await untilEnded(world, name);
    world.emulator.clearFaults();
    expect(failed.error).toMatch(/failed at createCluster: .*transient: create cluster cass-demo-rg\/cass-f-down failed \(503 ServiceUnavailable\)/);
    expect(world.runtime.history(idsFor(name).provisioning).filter((e) => e.EventType === 6)).toHaveLength(5);
    expect(failed.progress.compensation).toEqual([{ action: `delete cluster ${name}`, outcome: "absent" }]);
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("cluster operation ends Failed: fails at createCluster with the provisioning error and deletes the cluster", async () => {
    const name = "cass-f-lro";
    inject(world, "PUT", `${CLUSTERS}/${name}`, { lroStatus: "Failed" }, 1);
    await startProvisioning(world, requestFor(name, "10.20.3.41"));
    const failed = await untilEnded(world, name);
    expect(failed.error).toContain("failed at createCluster: cluster provisioning is Failed: InjectedFault");
    expect(failed.progress.compensation).toEqual(deleted(`delete cluster ${name}`));
    expect(resourcesOf(world, name)).toEqual([]);
    expect(writesTo(world, `${ENDPOINTS}/`).filter((w) => w.includes(name))).toEqual([]);
  });

  it("private endpoint PUT rejected: fails at createPrivateEndpoint and deletes the cluster it made", async () => {
    const name = "cass-f-pe";
    inject(world, "PUT", `${ENDPOINTS}/${name}-pe`, { status: 400, body: injected }, 1);
    await startProvisioning(world, requestFor(name, "10.20.3.42"));
    const failed = await untilEnded(world, name);
    expect(failed.error).toMatch(/failed at createPrivateEndpoint: .*400 InjectedFault/);
    expect(failed.progress.compensation).toEqual([
      { action: `delete private endpoint ${name}-pe`, outcome: "absent" },
      { action: `delete cluster ${name}`, outcome: "deleted" },
    ]);
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("private endpoint operation ends Failed: deletes the endpoint, its NIC and the cluster", async () => {
    const name = "cass-f-pelro";
    inject(world, "PUT", `${ENDPOINTS}/${name}-pe`, { lroStatus: "Failed" }, 1);
    await startProvisioning(world, requestFor(name, "10.20.3.43"));
    const failed = await untilEnded(world, name);
    expect(failed.error).toContain("failed at createPrivateEndpoint: private endpoint provisioning is Failed");
    expect(failed.progress.compensation).toEqual(deleted(`delete private endpoint ${name}-pe`, `delete cluster ${name}`));
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("endpoint NIC holding another address than the static one: fails at readEndpointIp before any datacenter", async () => {
    const name = "cass-f-nic";
    inject(world, "GET", `/networkInterfaces/${name}-pe-nic`, {
      status: 200,
      body: { id: nicIdOf(name),
        name: `${name}-pe-nic`, properties: { ipConfigurations: [{ name: "c", properties: { privateIPAddress: "10.20.3.99" } }] } },
    }, 1);
    const failed = await provisionApproved(world, name, "10.20.3.44");
    expect(failed.error).toContain("failed at readEndpointIp: endpoint NIC has 10.20.3.99, expected the static 10.20.3.44");
    expect(failed.progress.compensation).toEqual(deleted(`delete private endpoint ${name}-pe`, `delete cluster ${name}`));
    expect(resourcesOf(world, name)).toEqual([]);
    expect(writesTo(world, `/${name}/dataCenters`)).toEqual([]);
  });

  it("an adopted cluster that existed before the saga survives its compensation", async () => {
    const name = "cass-f-adopt";
    await armClients(world).cosmos.cassandraClusters.beginCreateUpdate(DEMO_RESOURCE_GROUP, name, {
      location: "eastus2",
      properties: { azureConnectionMethod: "VPN", delegatedManagementSubnetId: demoSubnetId("cassandra"), initialCassandraAdminPassword: LOCAL_ADMIN_PASSWORD },
    });
    await world.clock.advance(60_000);
    expect(world.emulator.resources().find((r) => r.name === name)?.properties.provisioningState).toBe("Succeeded");
    const before = writesTo(world, `/${name}`);

    await startProvisioning(world, requestFor(name, "10.20.3.48"));
    await untilWaitingForApproval(world, name);
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint"));
    decideEndpoint(world, name, "Rejected");
    const failed = await untilEnded(world, name);
    expect(failed.error).toContain("failed at awaitApproval: private endpoint connection Rejected");
    expect(failed.progress.compensation).toEqual([
      { action: `delete private endpoint ${name}-pe`, outcome: "deleted" },
      { action: `delete cluster ${name}`, outcome: "notOwned" },
    ]);
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster"));
    // The saga wrote only its endpoint: no cluster PUT (adopted as is) and no cluster DELETE.
    expect(writesTo(world, `/${name}`).slice(before.length).map((w) => w.split(" ")[0] + " " + w.split("/").slice(-2).join("/"))).toEqual([
      `PUT privateEndpoints/${name}-pe`, `DELETE privateEndpoints/${name}-pe`,
    ]);
  });
});
