// The approval wait without any Event Grid delivery (the emulator has no eventGridUrl, as in a subscription
// where the approval produces no event): polling alone decides, rejection and the deadline compensate or keep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  armClients, decideEndpoint, idsFor, partsOf, requestFor, resourcesOf, startProvisioning, untilEnded, untilWaitingForApproval, writesTo,
} from "../../support/provisioningScenario.js";
import { DEMO_RESOURCE_GROUP } from "../../support/testIds.js";

const invoked: string[] = [];
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ emulator: { eventGridUrl: undefined }, runtime: { functionLog: (_level, fn) => invoked.push(fn) } });
});
afterAll(() => world.dispose());

describe("approval wait without Event Grid", () => {
  it("completes when a poll finds the connection approved, at that poll's time", async () => {
    const name = "cass-poll";
    await startProvisioning(world, requestFor(name, "10.20.3.20"));
    const waiting = await untilWaitingForApproval(world, name);
    expect(waiting).toMatchObject({ connectionStatus: "Pending" });
    const approvedAt = world.clock.now();
    decideEndpoint(world, name, "Approved");

    await untilEnded(world, name);
    const done = world.runtime.status(idsFor(name).provisioning)!;
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    const { approval } = done.output as { approval: { outcome: string; decidedAt: string; checks: number } };
    expect(approval.outcome).toBe("Approved");
    // Nothing woke the wait early: the decision is the next scheduled check, after the approval happened.
    expect(approval.decidedAt).toBe(waiting.nextCheckAt);
    expect(Date.parse(approval.decidedAt)).toBeGreaterThan(approvedAt);
    expect(approval.checks).toBe(waiting.checks + 1);
    expect(invoked).not.toContain("onResourceEvent"); // no event was ever delivered
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint", "datacenter"));
  });

  it.each([
    ["Rejected", "cass-rejected", "10.20.3.21"],
    ["Disconnected", "cass-disconnected", "10.20.3.25"],
  ] as const)("compensates a %s connection: no cluster, endpoint, NIC or datacenter is left", async (decision, name, ip) => {
    await startProvisioning(world, requestFor(name, ip));
    await untilWaitingForApproval(world, name);
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint"));
    decideEndpoint(world, name, decision, "Not an approved subscription");

    const failed = await untilEnded(world, name);
    expect(failed.runtimeStatus).toBe("Failed");
    expect(failed.error).toContain(`failed at awaitApproval: private endpoint connection ${decision} (Not an approved subscription)`);
    expect(failed.progress.compensation).toEqual([
      { action: `delete private endpoint ${name}-pe`, outcome: "deleted" },
      { action: `delete cluster ${name}`, outcome: "deleted" },
    ]);
    expect(resourcesOf(world, name)).toEqual([]);
    expect(writesTo(world, `/${name}`).filter((w) => w.startsWith("DELETE"))).toHaveLength(2);
  });

  it("compensates when the approval deadline passes without a decision", async () => {
    const name = "cass-deadline";
    await startProvisioning(world, requestFor(name, "10.20.3.22", { approval: { deadline: "PT10M" } }));
    const waiting = await untilWaitingForApproval(world, name);

    const failed = await untilEnded(world, name);
    expect(failed.runtimeStatus).toBe("Failed");
    expect(failed.error).toContain("failed at awaitApproval: private endpoint connection DeadlineExceeded");
    expect(failed.error).toContain(`delete cluster ${name}: deleted`);
    const approval = world.runtime.status(idsFor(name).approval)!;
    expect(approval.output).toMatchObject({ outcome: "DeadlineExceeded", decidedAt: waiting.deadline });
    // PT5S polls for ten minutes: one check per poll, each in its own execution, plus the one at the deadline.
    expect(approval.generation).toBe(600 / 5 + 1);
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("keeps the resources at the deadline when approval.onTimeout is keep, says so, and undoes them on request", async () => {
    const name = "cass-keep";
    await startProvisioning(world, requestFor(name, "10.20.3.23", { approval: { deadline: "PT10M", onTimeout: "keep" } }));
    await untilWaitingForApproval(world, name);

    const failed = await untilEnded(world, name);
    expect(failed.runtimeStatus).toBe("Failed");
    expect(failed.error).toContain("DeadlineExceeded");
    expect(failed.error).toContain("Resources kept (approval.onTimeout = keep).");
    expect(failed.progress.compensation).toEqual([]);
    expect(resourcesOf(world, name)).toEqual(partsOf(name, "cluster", "endpoint"));
    expect(writesTo(world, `/${name}`).filter((w) => w.startsWith("DELETE"))).toEqual([]);

    // What was kept can be removed later through the undo of the failed provisioning.
    const ids = idsFor(name);
    const res = await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=true`);
    expect(res.status).toBe(202);
    await world.runUntil(() => world.runtime.status(ids.undo)?.runtimeStatus === "Completed");
    expect(world.runtime.status(ids.provisioning)?.runtimeStatus).toBe("Failed");
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("compensates when the endpoint is deleted by someone else during the wait", async () => {
    const name = "cass-pe-gone";
    await startProvisioning(world, requestFor(name, "10.20.3.26"));
    await untilWaitingForApproval(world, name);
    await armClients(world).network.privateEndpoints.beginDelete(DEMO_RESOURCE_GROUP, `${name}-pe`);

    const failed = await untilEnded(world, name);
    expect(failed.error).toContain("failed at awaitApproval: private endpoint connection EndpointDeleted");
    expect(failed.progress.compensation).toEqual([
      { action: `delete private endpoint ${name}-pe`, outcome: "absent" },
      { action: `delete cluster ${name}`, outcome: "deleted" },
    ]);
    expect(resourcesOf(world, name)).toEqual([]);
  });

  it("compensates when reading the endpoint during the wait is refused (403), failing the wait", async () => {
    const name = "cass-pe-403";
    await startProvisioning(world, requestFor(name, "10.20.3.27"));
    await untilWaitingForApproval(world, name);
    world.emulator.addFault({ match: { method: "GET", pathPattern: `/privateEndpoints/${name}-pe$` }, times: 1,
      response: { status: 403, body: { error: { code: "AuthorizationFailed", message: "The client does not have authorization" } } } });

    const failed = await untilEnded(world, name);
    expect(world.runtime.status(idsFor(name).approval)?.runtimeStatus).toBe("Failed");
    expect(failed.error).toMatch(/failed at awaitApproval: .*403 AuthorizationFailed/);
    expect(failed.progress.compensation).toEqual([
      { action: `delete private endpoint ${name}-pe`, outcome: "deleted" },
      { action: `delete cluster ${name}`, outcome: "deleted" },
    ]);
    expect(resourcesOf(world, name)).toEqual([]);
  });
});
