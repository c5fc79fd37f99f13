// The provisioning orchestrators' own logic, through the real replay engine with scripted activities:
// compensation order and reporting, nothing undone after a failed preflight, and the approval wait's
// one-check-per-execution shape with the timer cancelled when the event wins.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../../local/runtime/testing.js";
import { activities as A, events, orchestrations as O } from "../../../src/names.js";
import { fakeAzure, samplePlan } from "./fixtures/fakeAzure.js";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ entry: new URL("./fixtures/saga.app.ts", import.meta.url) });
});
afterAll(() => rt.dispose());
beforeEach(() => fakeAzure.reset());

const deletes = () => fakeAzure.calls.filter((c) => c.activity.startsWith("delete")).map((c) => c.activity);
const run = async (id: string) => rt.waitForCompletion(rt.start(O.provisionVpnCluster, samplePlan({ instanceId: id, approval: { ...samplePlan().approval, instanceId: `${id}-approval` } }), id));

describe("provisionVpnCluster", () => {
  it("completes through every step and returns the ids, IP, nodes and first certificates", async () => {
    const done = await run("p-ok");
    expect(done.runtimeStatus).toBe("Completed");
    expect(done.output).toMatchObject({ privateEndpointIp: "10.0.3.10", datacenterId: "/dc/dc1", certificates: { action: "rotateCa" } });
    expect((done.customStatus as { steps: Array<{ step: string }> }).steps.map((s) => s.step)).toEqual([
      "preflight", "createCluster", "createPrivateEndpoint", "awaitApproval", "readEndpointIp", "createDatacenter", "awaitNodes", "firstCertificates", "done",
    ]);
    expect(deletes()).toEqual([]);
  });

  it("compensates newest first when the datacenter fails, and says what it undid", async () => {
    fakeAzure.behaviour[A.readDatacenter] = () => ({ ok: true, value: { exists: true, provisioningState: "Failed", provisionError: { code: "SubnetNotRoutable" } } });
    const done = await run("p-dc");
    expect(done.runtimeStatus).toBe("Failed");
    expect(deletes()).toEqual([A.deleteDatacenter, A.deletePrivateEndpoint, A.deleteCluster]);
    expect(String(done.output)).toMatch(/failed at createDatacenter: datacenter provisioning is Failed: SubnetNotRoutable\. Compensation: delete datacenter dc1: absent; delete private endpoint c1-pe: absent; delete cluster c1: absent\./);
  });

  it("reports a compensation that fails and still runs the older ones", async () => {
    fakeAzure.behaviour[A.readClusterHealth] = () => ({ ok: false, kind: "permanent", message: "403 AuthorizationFailed" });
    fakeAzure.behaviour[A.deletePrivateEndpoint] = () => ({ ok: false, kind: "permanent", message: "locked by policy" });
    const done = await run("p-comp");
    expect(deletes()).toEqual([A.deleteDatacenter, A.deletePrivateEndpoint, A.deleteCluster]);
    expect(String(done.output)).toContain("delete private endpoint c1-pe: failed (locked by policy)");
    const status = done.customStatus as { compensation: Array<{ action: string; outcome: string }> };
    expect(status.compensation.map((c) => c.outcome)).toEqual(["absent", "failed", "absent"]);
  });

  it("waits for a deletion to finish before the next one (a cluster cannot go while its datacenter does)", async () => {
    let datacenterChecks = 0;
    fakeAzure.behaviour[A.readClusterHealth] = () => ({ ok: false, kind: "permanent", message: "boom" });
    fakeAzure.behaviour[A.deleteDatacenter] = () => ({ ok: true, value: ++datacenterChecks < 3 ? "deleting" : "absent" });
    const done = await run("p-wait");
    expect(deletes()).toEqual([A.deleteDatacenter, A.deleteDatacenter, A.deleteDatacenter, A.deletePrivateEndpoint, A.deleteCluster]);
    expect((done.customStatus as { compensation: Array<{ outcome: string }> }).compensation[0]!.outcome).toBe("deleted");
  });

  it("undoes nothing when preflight fails: nothing was created", async () => {
    fakeAzure.behaviour[A.preflightProvisioning] = () => ({ ok: true, value: { ok: false, problems: ["privateEndpoint.ipAddress: 10.0.3.10 is already in use"] } });
    const done = await run("p-pre");
    expect(String(done.output)).toMatch(/failed at preflight: privateEndpoint\.ipAddress: 10\.0\.3\.10 is already in use\. Compensation: nothing to undo\./);
    expect(fakeAzure.called(A.ensureCluster)).toBe(0);
    expect(deletes()).toEqual([]);
  });

  it("names the service's connection errors while waiting for nodes and in the failure, not a bare timeout", async () => {
    const down = [1, 2, 3].map((n) => ({ datacenter: "dc1", address: `10.0.8.${n}`, state: "Normal", status: "Down" }));
    const errors = [{ state: "OperatorToDataCenterNetworkError", from: "10.9.0.4", to: "10.0.8.1", port: 9042 }];
    fakeAzure.behaviour[A.readClusterHealth] = () => ({ ok: true, value: { nodes: down, connectionErrors: errors } });
    const id = "p-nodes";
    rt.start(O.provisionVpnCluster, samplePlan({ instanceId: id, approval: { ...samplePlan().approval, instanceId: `${id}-approval` } }), id);
    await rt.idle();
    expect((rt.status(id)!.customStatus as { waitingOn: string }).waitingOn).toContain("the service reports OperatorToDataCenterNetworkError 10.9.0.4 → 10.0.8.1:9042");
    const done = await rt.waitForCompletion(id);
    expect(String(done.output)).toMatch(/failed at awaitNodes: gave up waiting for 3 nodes of dc1 to report Up after 3600 s; the service reports OperatorToDataCenterNetworkError/);
    expect(fakeAzure.called(A.readClusterNodes)).toBe(0);
  });

  it("compensates when the first certificates fail", async () => {
    fakeAzure.rotation = () => {
      throw new Error("mTLS verification failed");
    };
    const done = await run("p-cert");
    expect(String(done.output)).toMatch(/failed at firstCertificates: .*mTLS verification failed/);
    expect(deletes()).toEqual([A.deleteDatacenter, A.deletePrivateEndpoint, A.deleteCluster]);
  });
});

describe("awaitEndpointApproval", () => {
  const input = (deadlineMs: number) => ({
    endpoint: { subscriptionId: "s", resourceGroup: "rg", name: "c1-pe" },
    since: new Date(rt.clock.now()).toISOString(), deadline: new Date(rt.clock.now() + deadlineMs).toISOString(), pollIntervalMs: 300_000, checks: 0,
  });

  it("checks once per execution and decides on the poll that sees the approval", async () => {
    let reads = 0;
    fakeAzure.behaviour[A.readPrivateEndpoint] = () => ({ ok: true, value: { exists: true, provisioningState: "Succeeded", connectionStatus: ++reads < 4 ? "Pending" : "Approved" } });
    const done = await rt.waitForCompletion(rt.start(O.awaitEndpointApproval, input(86_400_000), "a-poll"));
    expect(done.output).toMatchObject({ outcome: "Approved", checks: 4 });
    expect(done.generation).toBe(4); // one execution per check
  });

  it("ends the wait on the event, cancelling the poll timer, and re-reads ARM", async () => {
    let approved = false;
    fakeAzure.behaviour[A.readPrivateEndpoint] = () => ({ ok: true, value: { exists: true, connectionStatus: approved ? "Approved" : "Pending" } });
    const id = rt.start(O.awaitEndpointApproval, input(86_400_000), "a-event");
    await rt.idle();
    const started = rt.clock.now();
    approved = true;
    rt.raiseEvent(id, events.endpointApprovalChanged, { subject: "/pe" });
    const done = await rt.waitForCompletion(id);
    expect(done.output).toMatchObject({ outcome: "Approved", checks: 2 });
    expect(rt.clock.now()).toBe(started);
  });

  it("gives up at the deadline", async () => {
    fakeAzure.behaviour[A.readPrivateEndpoint] = () => ({ ok: true, value: { exists: true, connectionStatus: "Pending" } });
    const done = await rt.waitForCompletion(rt.start(O.awaitEndpointApproval, input(1_000_000), "a-deadline"));
    expect(done.output).toMatchObject({ outcome: "DeadlineExceeded", checks: 5 });
  });
});
