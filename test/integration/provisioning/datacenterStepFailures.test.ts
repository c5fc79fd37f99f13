// A failure injected at the datacenter and node steps (the emulator's fault rules) ends the saga Failed, naming the
// step, and its compensation deletes the datacenter, then the endpoint, then the cluster: newest first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  decideEndpoint, idsFor, requestFor, resourcesOf, startProvisioning, untilEnded, untilWaitingForApproval, viewOf, writesTo,
} from "../../support/provisioningScenario.js";
import { CLUSTERS, deleted, inject, injected, provisionApproved } from "../../support/stepFaults.js";

let world: LocalWorld;
beforeAll(async () => {
  // Production-like operation polls; half an hour is the longest any one Azure operation may take here.
  world = await startLocalWorld({ env: { OPERATION_POLL_INTERVAL: "PT30S", OPERATION_TIMEOUT: "PT30M" } });
});
afterAll(() => world.dispose());

describe("failures injected at the forward steps", () => {
  it("datacenter PUT rejected: fails at createDatacenter and deletes the endpoint and the cluster", async () => {
    const name = "cass-f-dcput";
    inject(world, "PUT", `${CLUSTERS}/${name}/dataCenters/dc1`, { status: 400, body: injected }, 1);
    const failed = await provisionApproved(world, name, "10.20.3.45");
    expect(failed.error).toMatch(/failed at createDatacenter: .*400 InjectedFault/);
    expect(failed.progress.compensation).toEqual([
      { action: "delete datacenter dc1", outcome: "absent" },
      ...deleted(`delete private endpoint ${name}-pe`, `delete cluster ${name}`),
    ]);
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("datacenter operation ends Failed: deletes the datacenter, then the endpoint, then the cluster", async () => {
    const name = "cass-f-dclro";
    inject(world, "PUT", `${CLUSTERS}/${name}/dataCenters/dc1`, { lroStatus: "Failed" }, 1);
    await startProvisioning(world, requestFor(name, "10.20.3.46"));
    await untilWaitingForApproval(world, name);
    decideEndpoint(world, name, "Approved");
    // While the deletions run, the status says so rather than showing the failed step's wait.
    await world.runUntil(() => (world.runtime.status(idsFor(name).provisioning)?.customStatus as { step?: string }).step === "compensating");
    const compensating = await viewOf(world, name);
    expect(compensating).toMatchObject({ runtimeStatus: "Running", progress: { step: "compensating" } });
    expect(compensating.progress.waitingOn).toBeUndefined();
    const failed = await untilEnded(world, name);
    expect(failed.error).toContain("failed at createDatacenter: datacenter provisioning is Failed: InjectedFault");
    expect(failed.progress.compensation).toEqual(deleted("delete datacenter dc1", `delete private endpoint ${name}-pe`, `delete cluster ${name}`));
    expect(resourcesOf(world, name)).toEqual([]);
    const deletes = writesTo(world, `/${name}`).filter((w) => w.startsWith("DELETE"));
    expect(deletes.map((d) => d.split("/").slice(-2).join("/"))).toEqual(["dataCenters/dc1", `privateEndpoints/${name}-pe`, `cassandraClusters/${name}`]);
  });

  it("nodes never reporting Up: gives up after the operation timeout and deletes everything", async () => {
    const name = "cass-f-nodes";
    const down = (n: number) => ({ address: `127.0.9.${n}`, state: "Normal", status: "Down" });
    inject(world, "GET", `${CLUSTERS}/${name}/status`, { status: 200, body: { dataCenters: [{ name: "dc1", nodes: [down(1), down(2), down(3)] }] } });
    const failed = await provisionApproved(world, name, "10.20.3.47");
    world.emulator.clearFaults();
    expect(failed.error).toContain("failed at awaitNodes: gave up waiting for 3 nodes of dc1 to report Up after 1800 s");
    const steps = failed.progress.steps as Array<{ step: string; startedAt: string; finishedAt: string }>;
    expect(steps.slice(-3).map((s) => s.step)).toEqual(["awaitNodes", "compensating", "failed"]);
    const awaitNodes = steps.at(-3)!;
    expect(Date.parse(awaitNodes.finishedAt) - Date.parse(awaitNodes.startedAt)).toBe(1_800_000);
    expect(failed.progress.compensation).toEqual(deleted("delete datacenter dc1", `delete private endpoint ${name}-pe`, `delete cluster ${name}`));
    expect(resourcesOf(world, name)).toEqual([]);
  });
});
