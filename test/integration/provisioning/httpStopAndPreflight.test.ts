// The saga's HTTP DELETE and its preflight: stopping during the approval wait with compensation (the undo removes
// everything, and a new request starts afresh) and without (everything is kept), and preflight failures that create
// nothing. The emulator's resources and write log are the oracle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSubnetId } from "../../../local/appEnvironment.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  allWrites, decideEndpoint, idsFor, partsOf, requestFor, resourcesOf, startProvisioning, untilEnded, untilWaitingForApproval, writesTo,
} from "../../support/provisioningScenario.js";
import { DEMO_RESOURCE_GROUP, LOCAL_SUBSCRIPTION_ID } from "../../support/testIds.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
});
afterAll(() => world.dispose());

const status = (id: string) => world.runtime.status(id)?.runtimeStatus;
const until = (id: string, ...statuses: string[]) => world.runUntil(() => statuses.includes(status(id) ?? ""));

describe("stopping a provisioning during the approval wait", () => {
  it("with compensate=true, terminates the saga and its wait, and the undo removes everything", async () => {
    const name = "cass-undo";
    const ids = idsFor(name);
    await startProvisioning(world, requestFor(name, "10.20.3.52"));
    await untilWaitingForApproval(world, name);
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint"));

    const res = await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=true`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: ids.provisioning, compensate: true, undo: { id: ids.undo } });
    expect(status(ids.provisioning)).toBe("Terminated");
    expect(status(ids.approval)).toBe("Terminated");
    const meanwhile = await world.api("POST", "/api/provisionings", requestFor(name, "10.20.3.52"));
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body.error).toMatchObject({ code: "ProvisioningBeingUndone", instanceId: ids.undo });
    await until(ids.undo, "Completed", "Failed");

    const view = await world.api("GET", `/api/provisionings/${ids.provisioning}`);
    expect(view.body).toMatchObject({ runtimeStatus: "Terminated", undo: { id: ids.undo, runtimeStatus: "Completed" } });
    expect(view.body.undo.progress.compensation).toEqual([
      { action: "delete datacenter dc1", outcome: "absent" },
      { action: `delete private endpoint ${name}-pe`, outcome: "deleted" },
      { action: `delete cluster ${name}`, outcome: "deleted" },
    ]);
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("with compensate=true while the cluster is still being created, waits for the create to end, then deletes it", async () => {
    const name = "cass-early";
    const ids = idsFor(name);
    await startProvisioning(world, requestFor(name, "10.20.3.57"));
    await world.runUntil(() => (world.runtime.status(ids.provisioning)?.customStatus as { waitingOn?: string } | null)?.waitingOn?.startsWith("cluster") ?? false);
    expect(world.emulator.resources().find((r) => r.name === name)?.properties.provisioningState).not.toBe("Succeeded");

    expect((await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=true`)).status).toBe(202);
    await until(ids.undo, "Completed", "Failed");
    expect(world.runtime.status(ids.undo)?.output).toEqual({ compensation: [
      { action: "delete datacenter dc1", outcome: "absent" },
      { action: `delete private endpoint ${name}-pe`, outcome: "absent" },
      { action: `delete cluster ${name}`, outcome: "deleted" },
    ] });
    // ARM refuses the delete while the create runs (409); the undo looks again until it is accepted.
    const clusterDeletes = world.emulator.requests().requests.filter((r) => r.method === "DELETE" && r.path.endsWith(`/cassandraClusters/${name}`));
    const statuses = clusterDeletes.map((r) => r.status);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses).toEqual([...statuses.slice(0, -1).map(() => 409), 202]);
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("starts afresh when the undone provisioning is requested again, and completes", async () => {
    const name = "cass-undo";
    const ids = idsFor(name);
    const res = await world.api("POST", "/api/provisionings", requestFor(name, "10.20.3.52"));
    expect(res.status).toBe(202);
    await untilWaitingForApproval(world, name);
    const view = await world.api("GET", `/api/provisionings/${ids.provisioning}`);
    expect(view.body).toMatchObject({ runtimeStatus: "Running", progress: { step: "awaitApproval" } });
    expect(view.body.undo).toBeUndefined(); // the earlier run's undo is not this run's
    decideEndpoint(world, name, "Approved");
    await until(ids.provisioning, "Completed", "Failed");
    expect(status(ids.provisioning)).toBe("Completed");
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint", "datacenter"));
  });

  it("with compensate=false, terminates the saga and its wait and keeps what was created", async () => {
    const name = "cass-stop";
    const ids = idsFor(name);
    await startProvisioning(world, requestFor(name, "10.20.3.53"));
    await untilWaitingForApproval(world, name);

    const res = await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=false`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: ids.provisioning, runtimeStatus: "Terminated", compensate: false });
    expect(status(ids.provisioning)).toBe("Terminated");
    expect(status(ids.approval)).toBe("Terminated");
    await world.clock.advance(3_600_000);
    await world.runtime.idle();
    expect(status(ids.undo)).toBeUndefined();
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint"));
    expect(writesTo(world, `/${name}`).filter((w) => w.startsWith("DELETE"))).toEqual([]);
  });

  it("answers 400 for a compensate that is not true or false and 404 for an unknown id", async () => {
    const bad = await world.api("DELETE", `/api/provisionings/${idsFor("cass-stop").provisioning}?compensate=yes`);
    expect(bad.status).toBe(400);
    const unknown = await world.api("DELETE", `/api/provisionings/provision-nope?compensate=true`);
    expect(unknown.status).toBe(404);
    expect(status(idsFor("cass-stop").undo)).toBeUndefined();
  });
});

describe("preflight", () => {
  const subnet = (name: string) => `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/cass-demo-vnet/subnets/${name}`;
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ["an address outside the endpoint subnet", "cass-pf-outside", requestFor("cass-pf-outside", "10.20.4.10"),
      "privateEndpoint.ipAddress: 10.20.4.10 is outside subnet 10.20.3.0/24"],
    ["the subnet's first address", "cass-pf-network", requestFor("cass-pf-network", "10.20.3.0"),
      "privateEndpoint.ipAddress: 10.20.3.0 is one of the five addresses Azure reserves in 10.20.3.0/24"],
    ["an address Azure reserves for DNS", "cass-pf-dns", requestFor("cass-pf-dns", "10.20.3.3"),
      "privateEndpoint.ipAddress: 10.20.3.3 is one of the five addresses Azure reserves in 10.20.3.0/24"],
    ["the broadcast address", "cass-pf-broadcast", requestFor("cass-pf-broadcast", "10.20.3.255"),
      "privateEndpoint.ipAddress: 10.20.3.255 is one of the five addresses Azure reserves in 10.20.3.0/24"],
    // 10.20.3.53 is held by the NIC of the endpoint kept by the compensate=false test above.
    ["an address another NIC holds", "cass-pf-used", requestFor("cass-pf-used", "10.20.3.53"),
      "privateEndpoint.ipAddress: 10.20.3.53 is already in use"],
    ["a missing admin password secret", "cass-pf-secret", requestFor("cass-pf-secret", "10.20.3.54", { adminPasswordSecretName: "no-such-secret" }),
      "adminPasswordSecretName: Key Vault secret no-such-secret does not exist"],
    ["a missing endpoint subnet", "cass-pf-subnet", { ...requestFor("cass-pf-subnet", "10.20.3.55"), privateEndpoint: { subnetId: subnet("missing"), ipAddress: "10.20.3.55" } },
      `privateEndpoint.subnetId: subnet ${subnet("missing")} does not exist`],
    ["a missing delegated subnet", "cass-pf-dcsubnet", { ...requestFor("cass-pf-dcsubnet", "10.20.3.56"), datacenter: { name: "dc1", delegatedSubnetId: subnet("gone"), nodeCount: 3 } },
      `datacenter.delegatedSubnetId: subnet ${subnet("gone")} does not exist`],
  ];

  it.each(cases)("fails on %s with the reason and creates nothing", async (_what, name, request, reason) => {
    expect(demoSubnetId("endpoints")).toBe(subnet("endpoints"));
    const writes = allWrites(world).length;
    await startProvisioning(world, request);
    const failed = await untilEnded(world, name);
    expect(failed.runtimeStatus).toBe("Failed");
    expect(failed.error).toContain(`failed at preflight: ${reason}`);
    expect(failed.error).toContain("Compensation: nothing to undo.");
    expect(allWrites(world)).toHaveLength(writes);
    expect(resourcesOf(world, name)).toEqual([]);
    expect(status(idsFor(name).approval)).toBeUndefined();
  });
});
