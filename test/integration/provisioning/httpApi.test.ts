// The saga's HTTP edge: one instance per cluster however often (or concurrently) the request is repeated,
// 409 for a different request naming the instance, 400 naming the field for malformed bodies with nothing
// started or written (httpStopAndPreflight.test.ts has DELETE and the preflight).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  allWrites, decideEndpoint, idsFor, partsOf, requestFor, resourcesOf, untilWaitingForApproval, writesTo,
} from "../../support/provisioningScenario.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
});
afterAll(() => world.dispose());

const instanceIds = () => world.instances().map((r) => r.instanceId).sort();
const status = (id: string) => world.runtime.status(id)?.runtimeStatus;
const until = (id: string, ...statuses: string[]) => world.runUntil(() => statuses.includes(status(id) ?? ""));
const creates = (name: string) => writesTo(world, `/${name}`).filter((w) => w.startsWith("PUT"));

describe("repeated and conflicting requests", () => {
  const name = "cass-dup";
  const ids = idsFor(name);
  const request = requestFor(name, "10.20.3.50");

  it("answers a repeated request with the running instance, never a second saga or cluster", async () => {
    // Three at once, before any instance exists: the losers of the start find the winner's instance.
    const concurrent = await Promise.all([1, 2, 3].map(() => world.api("POST", "/api/provisionings", request)));
    const [first] = concurrent;
    expect(first!.body.id).toBe(ids.provisioning);
    const created = world.runtime.status(ids.provisioning)!.createdTime;
    const again = await world.api("POST", "/api/provisionings", request);
    for (const res of [...concurrent, again]) {
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ id: ids.provisioning, statusUri: first!.body.statusUri });
    }
    await untilWaitingForApproval(world, name);
    const instance = world.runtime.status(ids.provisioning)!;
    expect(instance.createdTime).toBe(created);
    expect(instance.generation).toBe(1);
    expect(instance.history.filter((e) => e.EventType === 0)).toHaveLength(1); // one ExecutionStarted
    expect(instanceIds().filter((id) => id.includes(name))).toEqual([ids.approval, ids.provisioning]);
    expect(creates(name).map((w) => w.split("/").at(-1))).toEqual([name, `${name}-pe`]);
  });

  it("answers 409 naming the running instance for a different request on the same cluster", async () => {
    const writes = allWrites(world).length;
    const res = await world.api("POST", "/api/provisionings", { ...request, datacenter: { ...request.datacenter, nodeCount: 4 } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "ProvisioningInProgress", instanceId: ids.provisioning });
    expect(res.body.error.message).toContain(ids.provisioning);
    expect(allWrites(world)).toHaveLength(writes);
    expect(world.runtime.status(ids.provisioning)!.input).toMatchObject({ datacenter: { nodeCount: 3 } });
  });

  it("answers 200 with the output once completed, and 409 for a different request then", async () => {
    decideEndpoint(world, name, "Approved");
    await until(ids.provisioning, "Completed");
    const same = await world.api("POST", "/api/provisionings", request);
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ id: ids.provisioning, runtimeStatus: "Completed", output: { privateEndpointIp: "10.20.3.50" } });
    const other = await world.api("POST", "/api/provisionings", { ...request, clients: ["reporting"] });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: "ClusterAlreadyProvisioned", instanceId: ids.provisioning });
    expect(creates(name).map((w) => w.split("/").at(-1))).toEqual([name, `${name}-pe`, "dc1"]);
    expect(world.runtime.status(ids.provisioning)!.generation).toBe(1);
  });

  it("refuses to stop a completed provisioning (409)", async () => {
    const res = await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=true`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("ProvisioningCompleted");
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint", "datacenter"));
  });
});

describe("malformed requests", () => {
  const base = requestFor("cass-bad", "10.20.3.51");
  const pe = base.privateEndpoint;
  const dc = base.datacenter;
  const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
  const cases: Array<[string, unknown, string]> = [
    ["a body that is not JSON", "{\"resourceGroup\":", "(body)"],
    ["an empty body", "", "(body)"],
    ["a JSON array", [], "(body)"],
    ["a JSON string", "\"cass\"", "(body)"],
    ["no resourceGroup", without("resourceGroup"), "resourceGroup"],
    ["a resourceGroup ending in a dot", { ...base, resourceGroup: "rg." }, "resourceGroup"],
    ["no clusterName", without("clusterName"), "clusterName"],
    ["a clusterName with an underscore", { ...base, clusterName: "cass_bad" }, "clusterName"],
    ["a clusterName with a double hyphen", { ...base, clusterName: "cass--bad" }, "clusterName"],
    ["a location with punctuation", { ...base, location: "east-us!" }, "location"],
    ["a secret name with a space", { ...base, adminPasswordSecretName: "admin password" }, "adminPasswordSecretName"],
    ["an inline admin password", { ...base, adminPassword: "Inline-Secret-123!" }, "adminPassword"],
    ["a subscriptionId that is not a GUID", { ...base, subscriptionId: "my-subscription" }, "subscriptionId"],
    ["a cassandraVersion that is not major.minor", { ...base, cassandraVersion: "latest" }, "cassandraVersion"],
    ["no privateEndpoint", without("privateEndpoint"), "privateEndpoint"],
    ["an endpoint subnet that is not a subnet id", { ...base, privateEndpoint: { ...pe, subnetId: "endpoints" } }, "privateEndpoint.subnetId"],
    ["an endpoint address out of range", { ...base, privateEndpoint: { ...pe, ipAddress: "10.20.3.300" } }, "privateEndpoint.ipAddress"],
    ["an endpoint address with leading zeros", { ...base, privateEndpoint: { ...pe, ipAddress: "10.20.3.010" } }, "privateEndpoint.ipAddress"],
    ["an IPv6 endpoint address", { ...base, privateEndpoint: { ...pe, ipAddress: "fd00::10" } }, "privateEndpoint.ipAddress"],
    ["an endpoint name starting with a hyphen", { ...base, privateEndpoint: { ...pe, name: "-pe" } }, "privateEndpoint.name"],
    ["endpoint groupIds", { ...base, privateEndpoint: { ...pe, groupIds: ["cassandra"] } }, "privateEndpoint.groupIds"],
    ["two nodes", { ...base, datacenter: { ...dc, nodeCount: 2 } }, "datacenter.nodeCount"],
    ["a fractional node count", { ...base, datacenter: { ...dc, nodeCount: 3.5 } }, "datacenter.nodeCount"],
    ["a node count as text", { ...base, datacenter: { ...dc, nodeCount: "3" } }, "datacenter.nodeCount"],
    ["no delegated subnet", { ...base, datacenter: { name: "dc1", nodeCount: 3 } }, "datacenter.delegatedSubnetId"],
    ["a sku that is not a VM size", { ...base, datacenter: { ...dc, sku: "E8s_v5" } }, "datacenter.sku"],
    ["a deadline in months", { ...base, approval: { deadline: "P1M" } }, "approval.deadline"],
    ["a deadline beyond 90 days", { ...base, approval: { deadline: "P91D" } }, "approval.deadline"],
    ["an unknown onTimeout", { ...base, approval: { onTimeout: "ignore" } }, "approval.onTimeout"],
    ["no clients", { ...base, clients: [] }, "clients"],
    ["a repeated client", { ...base, clients: ["app", "app"] }, "clients"],
    ["an upper-case client", { ...base, clients: ["App"] }, "clients.0"],
  ];

  it(`answers 400 naming the field for each of ${cases.length} malformed bodies, starting and writing nothing`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const instancesBefore = instanceIds();
    const emulatorRequestsBefore = world.emulator.requests().summary.total;
    for (const [what, body, field] of cases) {
      const res = await world.api("POST", "/api/provisionings", body);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe("InvalidRequest");
      expect(res.body.error.message, what).toContain(field);
      expect(res.body.error.details.map((d: { field: string }) => d.field), what).toContain(field);
      expect(JSON.stringify(res.body), what).not.toContain("Inline-Secret-123!");
    }
    await world.runtime.idle();
    expect(instanceIds()).toEqual(instancesBefore);
    expect(world.emulator.requests().summary.total).toBe(emulatorRequestsBefore);
  });
});
