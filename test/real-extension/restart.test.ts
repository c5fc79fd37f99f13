// A crash of the host mid-saga: the .NET host (the real extension) is killed (SIGKILL) twice during one
// provisioning — while it waits for the approval and while the datacenter is being created — and a new host
// on the same task hub in Azurite resumes it from Azure Storage to the same outcome (no state of ours survives:
// the front, the worker and the registrations are stateless; everything durable is DT.AS's).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideEndpoint, idsFor, partsOf, requestFor, resourcesOf, writesTo } from "../support/provisioningScenario.js";
import { startProvisioning, untilWaitingForApproval } from "./support/provisioning.js";
import { startRealWorld, type RealWorld } from "./support/realWorld.js";
import { expectStatus } from "./support/status.js";

let world: RealWorld;
beforeAll(async () => {
  world = await startRealWorld();
});
afterAll(async () => world?.dispose());

describe("a host crash mid-saga", () => {
  it("resumes the provisioning after two kills of the host and completes it once", async () => {
    const name = "cass-rx-crash";
    const { provisioning } = idsFor(name);
    await startProvisioning(world, requestFor(name, "10.20.3.30"));
    await untilWaitingForApproval(world, name);

    const firstPid = world.ext.hostPid();
    await world.ext.crashAndRestartHost(async () => {
      // Decided while no host runs: the Event Grid hint cannot be delivered, the next poll must find it.
      decideEndpoint(world.azureSide(), name, "Approved");
    });
    expect(world.ext.hostPid()).not.toBe(firstPid);

    await world.until(provisioning, (s) => s.customStatus?.step === "createDatacenter", "the datacenter step");
    await world.ext.crashAndRestartHost();

    const done = await world.untilTerminal(provisioning, 150_000);
    expectStatus(done, "Completed");
    expect(done.output).toMatchObject({ privateEndpointIp: "10.20.3.30", approval: { outcome: "Approved" }, certificates: { action: "rotateCa" } });
    expect(resourcesOf(world.azureSide(), name)).toEqual(partsOf(name, "cluster", "endpoint", "datacenter"));
    // Activities are at-least-once, but a resumed saga writes each resource once: PUTs are idempotent ensures.
    const puts = writesTo(world.azureSide(), `/${name}`).filter((w) => w.startsWith("PUT"));
    expect(puts.filter((w) => w.endsWith(`/cassandraClusters/${name}`))).toHaveLength(1);
    expect(puts.filter((w) => w.endsWith("/dataCenters/dc1")).length).toBeGreaterThanOrEqual(1);
    const executions = (done.historyEvents ?? []).filter((e) => e.EventType === "ExecutionStarted");
    expect(executions).toHaveLength(1);
  });
});
