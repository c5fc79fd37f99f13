// The Event Grid trigger as the host invokes it (the runtime's webhook, `aeg-event-type: Notification`):
// other event types, other resource types, endpoints no saga waits on and malformed events are ignored
// without failing the delivery; a write on a waited-on endpoint, in the Event Grid or the CloudEvents
// schema, wakes that wait at once and the wait re-reads ARM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { idsFor, requestFor, startProvisioning, untilWaitingForApproval } from "../../support/provisioningScenario.js";
import { clusterIdOf, DEMO_RESOURCE_GROUP, endpointIdOf, FOREIGN_SUBSCRIPTION, LOCAL_SUBSCRIPTION_ID, nicIdOf } from "../../support/testIds.js";

const functionLog: string[] = [];
let world: LocalWorld;
beforeAll(async () => {
  // The last test relies on the emulator's approval event (not sent by Azure, host-and-service.md item 6): opt in.
  world = await startLocalWorld({ emulator: { approvalEvents: true }, runtime: { functionLog: (level, fn, message) => functionLog.push(`${fn} ${level}: ${message}`) } });
});
afterAll(() => world.dispose());

const WEBHOOK = "/runtime/webhooks/eventgrid?functionName=onResourceEvent";
const deliver = (body: unknown) => world.runtime.fetch(WEBHOOK, {
  method: "POST", headers: { "content-type": "application/json", "aeg-event-type": "Notification" }, body: JSON.stringify(body),
});

const WRITE = "Microsoft.Resources.ResourceWriteSuccess";
const gridEvent = (eventType: string, subject: unknown) => ({
  id: crypto.randomUUID(), topic: `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}`, subject, eventType,
  eventTime: new Date(world.clock.now()).toISOString(), data: {}, dataVersion: "2", metadataVersion: "1",
});
const cloudEvent = (type: string, subject: string) => ({
  specversion: "1.0", id: crypto.randomUUID(), source: `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}`,
  type, subject, time: new Date(world.clock.now()).toISOString(), data: {},
});

describe("Event Grid trigger", () => {
  const name = "cass-eg";
  const ids = idsFor(name);
  const wait = () => world.runtime.status(ids.approval)!;

  it("ignores other types, other resources, unwaited endpoints and malformed events without failing the delivery", async () => {
    await startProvisioning(world, requestFor(name, "10.20.3.60"));
    await untilWaitingForApproval(world, name);
    const before = { generation: wait().generation, history: wait().history.length, instances: world.instances().length };
    const now = world.clock.now();
    const foreignEndpoint = endpointIdOf("someone-else");
    const ignored: unknown[][] = [
      [gridEvent("Microsoft.Resources.ResourceDeleteSuccess", endpointIdOf(name))],
      [gridEvent("Microsoft.KeyVault.CertificateNearExpiry", endpointIdOf(name))],
      [gridEvent(WRITE, clusterIdOf(name))],
      [gridEvent(WRITE, nicIdOf(name))],
      [gridEvent(WRITE, foreignEndpoint)],
      [gridEvent(WRITE, endpointIdOf(name).replace(LOCAL_SUBSCRIPTION_ID, FOREIGN_SUBSCRIPTION))],
      [gridEvent(WRITE, "not a resource id"), gridEvent(WRITE, 42), { eventType: WRITE }, { subject: endpointIdOf(name) }, {}],
      [null, "text", 7, [gridEvent(WRITE, endpointIdOf(name))]],
    ];
    const ignoredCount = ignored.flat().length;
    functionLog.length = 0;
    for (const batch of ignored) expect((await deliver(batch)).status, JSON.stringify(batch).slice(0, 120)).toBe(202);
    expect((await deliver(cloudEvent("Microsoft.Resources.ResourceDeleteSuccess", endpointIdOf(name)))).status).toBe(202);
    await world.runtime.idle();

    expect(world.clock.now()).toBe(now);
    expect(wait().generation).toBe(before.generation);
    expect(wait().history.length).toBe(before.history);
    expect(wait().inbox).toEqual([]);
    expect(world.instances().length).toBe(before.instances);
    // Each event reached the function and was set aside; none threw.
    expect(functionLog.filter((l) => l.startsWith("onResourceEvent") && l.includes("ignored"))).toHaveLength(ignoredCount + 1);
    expect(functionLog.some((l) => l.includes("woke"))).toBe(false);
  });

  it("wakes the wait at once on a CloudEvents write event for its endpoint, which then re-reads ARM", async () => {
    const before = wait();
    const now = world.clock.now();
    const res = await deliver(cloudEvent(WRITE, endpointIdOf(name)));
    expect(res.status).toBe(202);
    await world.runtime.idle();

    // A new check ran without virtual time passing: the event ended the wait before its timer.
    expect(world.clock.now()).toBe(now);
    expect(Date.parse((before.customStatus as { nextCheckAt: string }).nextCheckAt)).toBeGreaterThan(now);
    expect(wait().generation).toBe(before.generation + 1);
    expect(wait().customStatus).toMatchObject({ connectionStatus: "Pending", checks: (before.customStatus as { checks: number }).checks + 1 });
    expect(functionLog).toContain(`onResourceEvent information: woke approval wait ${ids.approval} for ${name}-pe`);
  });

  it("wakes it the same way for the Event Grid schema event the emulator sends on approval, and the saga completes", async () => {
    const now = world.clock.now();
    world.emulator.approve({ privateEndpointId: endpointIdOf(name), status: "Approved" });
    // Delivered over loopback HTTP: no virtual time passes until the wait has ended on it.
    await eventually(() => world.runtime.status(ids.approval)?.runtimeStatus === "Completed", "the approval event to end the wait");
    await world.runUntil(() => world.runtime.status(ids.provisioning)?.runtimeStatus !== "Running");
    const done = world.runtime.status(ids.provisioning)!;
    expect(done.runtimeStatus).toBe("Completed");
    expect((done.output as { approval: { decidedAt: string } }).approval.decidedAt).toBe(new Date(now).toISOString());
  });
});
