// The real DurableClient (durable-functions 3.5) against the local Durable HTTP management API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrchestrationRuntimeStatus, type DurableClient } from "durable-functions";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { AWAIT_SIGNAL, NIGHTLY_RUN, SIGNAL_EVENT } from "./fixtures/triggerNames.js";

const entry = new URL("./fixtures/triggers.app.ts", import.meta.url);
let rt: TestRuntime;
let client: DurableClient;

beforeAll(async () => {
  rt = await startTestRuntime({ entry });
  client = await rt.client();
});
afterAll(() => rt.dispose());

describe("DurableClient through the HTTP API", () => {
  it("starts through an HTTP trigger and answers createCheckStatusResponse with working URLs", async () => {
    const res = await rt.fetch(`/api/orchestrators/${AWAIT_SIGNAL}/http-1`, { method: "POST", body: JSON.stringify({ order: 7 }) });
    const payload = (await res.json()) as Record<string, string>;

    expect(res.status).toBe(202);
    expect(payload.id).toBe("http-1");
    expect(res.headers.get("location")).toBe(payload.statusQueryGetUri);
    expect(payload.statusQueryGetUri).toMatch(new RegExp(`^${rt.runtime.durableBaseUrl}/instances/http-1\\?taskHub=CassandraVpnHub&`));

    await rt.idle();
    const status = await fetch(payload.statusQueryGetUri!);
    expect(status.status).toBe(202);
    expect(await status.json()).toMatchObject({ runtimeStatus: "Running", input: { order: 7 }, customStatus: { step: "waiting for signal" } });

    const raised = await fetch(payload.sendEventPostUri!.replace("{eventName}", SIGNAL_EVENT), {
      method: "POST", headers: { "content-type": "application/json" }, body: '"via webhook"',
    });
    expect(raised.status).toBe(202);
    expect((await rt.waitForCompletion("http-1")).output).toEqual({ input: { order: 7 }, signal: "via webhook" });
  });

  it("startNew, getStatus and raiseEvent", async () => {
    const id = await client.startNew(AWAIT_SIGNAL, { instanceId: "client-1", input: "hello" });
    await rt.idle();
    expect(await client.getStatus(id)).toMatchObject({ name: AWAIT_SIGNAL, instanceId: id, runtimeStatus: "Running", input: "hello" });

    await client.raiseEvent(id, SIGNAL_EVENT, { ok: true });
    await rt.waitForCompletion(id);

    const status = await client.getStatus(id, { showHistory: true });
    expect(status).toMatchObject({ runtimeStatus: "Completed", output: { input: "hello", signal: { ok: true } } });
  });

  it("terminate, and the 410 that follows resolves silently", async () => {
    const id = await client.startNew(AWAIT_SIGNAL, { instanceId: "client-2" });
    await rt.idle();
    await client.terminate(id, "no longer needed");

    expect(await client.getStatus(id)).toMatchObject({ runtimeStatus: "Terminated", output: "no longer needed" });
    await expect(client.raiseEvent(id, SIGNAL_EVENT, 1)).resolves.toBeUndefined();
    await expect(client.terminate(id, "again")).resolves.toBeUndefined();
  });

  it("rejects a start on a running id, getStatus of an unknown id, and events to unknown ids", async () => {
    await client.startNew(AWAIT_SIGNAL, { instanceId: "client-3" });

    await expect(client.startNew(AWAIT_SIGNAL, { instanceId: "client-3" })).rejects.toThrow(/unexpected status code: 409/);
    await expect(client.getStatus("missing")).rejects.toThrow(/HTTP 404/);
    await expect(client.raiseEvent("missing", SIGNAL_EVENT, 1)).rejects.toThrow("No instance with ID 'missing' found.");
    await expect(client.startNew("NoSuchOrchestrator")).rejects.toThrow(/unexpected status code: 400/);
  });

  it("lists by status and purges finished instances", async () => {
    const completed = await client.getStatusBy({ runtimeStatus: [OrchestrationRuntimeStatus.Completed] });
    expect(completed.map((s) => s.instanceId).sort()).toEqual(["client-1", "http-1"]);

    expect(await client.purgeInstanceHistory("client-1")).toMatchObject({ instancesDeleted: 1 });
    expect(await client.purgeInstanceHistory("client-3")).toMatchObject({ instancesDeleted: 0 }); // still running
    await expect(client.getStatus("client-1")).rejects.toThrow(/HTTP 404/);
  });

  it("starts and waits with ?timeout= and shows history on request (raw management API)", async () => {
    const base = rt.runtime.durableBaseUrl;
    const started = await fetch(`${base}/orchestrators/${NIGHTLY_RUN}/wait-1?timeout=5`, { method: "POST" });
    expect(started.status).toBe(200);
    expect(await started.json()).toEqual({ ranAt: expect.any(String) });

    const status = await fetch(`${rt.runtime.rpcBaseUrl}instances/wait-1?showHistory=true&showHistoryOutput=true`);
    const body = (await status.json()) as { historyEvents: Array<{ EventType: string }> };
    expect(body.historyEvents.map((e) => e.EventType)).toEqual(["ExecutionStarted", "ExecutionCompleted"]);
  });
});
