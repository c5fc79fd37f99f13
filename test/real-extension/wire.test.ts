// What the real extension (3.19.0, under the WebJobs host) sends to the JS SDK and does with its answers,
// on the smallest fixture: the trigger payload, an activity result, an activity failure's Reason, the 16 KB
// custom-status limit (host-and-service.md #1) and a sub-orchestration started on a running id (#2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRealExtension, type RealExtension } from "../../local/real-extension/realExtension.js";
import { SPIKE } from "./fixtures/spikeNames.js";
import { expectStatus, statusOf, until, untilTerminal } from "./support/status.js";

describe("the real extension's wire, on a fixture app", () => {
  let ext: RealExtension;
  const contexts: any[] = [];
  beforeAll(async () => {
    ext = await startRealExtension({
      entry: new URL("./fixtures/spike.app.ts", import.meta.url).pathname,
      observer: { onInvocation: (kind, _name, payload) => kind === "orchestration" && contexts.push(JSON.parse(payload)) },
    });
  });
  afterAll(async () => ext?.stop());

  async function start(orchestration: string, input: unknown, instanceId?: string): Promise<string> {
    const query = instanceId ? `?instanceId=${encodeURIComponent(instanceId)}` : "";
    const res = await fetch(`${ext.apiBaseUrl}/spike/${orchestration}${query}`, { method: "POST", body: JSON.stringify(input), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  }

  it("hands the orchestrator the JSON context and replays its actions", async () => {
    const id = await start(SPIKE.chain, "world");
    const done = await untilTerminal(ext.origin, id);
    expectStatus(done, "Completed");
    expect(done.output.greeted).toEqual({ greeting: "Hello world", at: "2026-01-01T00:00:00Z" });
    // The extension's friendly message is the text after "Exception:" in the RpcException, space included.
    expect(done.output.failure).toMatch(/^Activity function 'SpikeFails' failed: {2}the activity failed on purpose \n \{/);
    const first = contexts.find((c) => c.instanceId === id);
    expect(Object.keys(first).sort()).toEqual([
      "defaultHttpAsyncRequestSleepTimeMillseconds", "history", "input", "instanceId", "isReplaying", "longRunningTimerIntervalDuration",
      "maximumShortTimerDuration", "parentInstanceId", "sourceInstanceId", "upperSchemaVersion", "upperSchemaVersionNew",
    ]);
    // 3.19.0 offers schema V4 (entity locks); the local runtime offers V3 — nothing the app uses differs.
    expect(first).toMatchObject({ upperSchemaVersion: 1, upperSchemaVersionNew: 3, longRunningTimerIntervalDuration: "3.00:00:00", maximumShortTimerDuration: "6.00:00:00" });
    expect(first.history[0].EventType).toBe(12);
  });

  // MessagePayloadDataConverter.Serialize(value, 16) in 3.19.0 compares (int)(UTF-16 bytes / 1024) > 16:
  // the KB count is truncated, so a status fails from 17 KB (17,408 bytes) on, not from 16 KB.
  const utf16Bytes = (chars: number) => 2 * JSON.stringify({ filler: "x".repeat(chars) }).length;

  it("fails an instance whose custom status reaches 17 KB, after the JS code returned", async () => {
    expect(utf16Bytes(8_700)).toBeGreaterThanOrEqual(17 * 1024);
    const id = await start(SPIKE.bigStatus, 8_700);
    const done = await untilTerminal(ext.origin, id);
    expectStatus(done, "Failed");
    expect(done.output).toBe(
      "Orchestrator function 'SpikeBigStatus' failed: The UTF-16 size of the JSON-serialized payload must not exceed 16 KB. The current payload size is 17 KB.",
    );
    expect(done.customStatus).toBeNull();
  });

  // The limit is checked before the actions are replayed (OutOfProcOrchestrationShim.ScheduleDurableTaskEvents),
  // so in a later episode DTFx first finds the history's TaskScheduled #0 unmatched and reports that instead.
  it("reports a 17 KB custom status set after an activity as a nondeterministic workflow", async () => {
    const id = await start(SPIKE.bigStatusLate, 8_700);
    const done = await untilTerminal(ext.origin, id);
    expectStatus(done, "Failed");
    expect(done.output).toMatch(/^Non-Deterministic workflow detected: A previous execution of this orchestration scheduled an activity task with sequence ID 0 and name 'SpikeGreet'/);
    expect(done.output).not.toMatch(/16 KB/);
  });

  it("takes a custom status over 16 KB but under 17 KB", async () => {
    expect(utf16Bytes(8_300)).toBeGreaterThan(16 * 1024);
    const id = await start(SPIKE.bigStatus, 8_300);
    const done = await untilTerminal(ext.origin, id);
    expectStatus(done, "Completed");
    expect(done.customStatus.filler).toHaveLength(8_300);
  });

  // host-and-service.md #2: DT.AS de-duplicates client starts but not sub-orchestration starts
  // (OrchestrationSessionManager.cs), so a child started under the id of a running instance replaces it.
  it("a client start on a running id is refused; a sub-orchestration start on it silently replaces the running instance", async () => {
    const childId = "singleton-child";
    const raise = (name: string, data: unknown) => fetch(`${ext.origin}/runtime/webhooks/durabletask/instances/${childId}/raiseEvent/${name}?code=local`,
      { method: "POST", body: JSON.stringify(data), headers: { "content-type": "application/json" } });
    await start(SPIKE.waiter, "first", childId);
    const first = await until(ext.origin, childId, (s) => s.runtimeStatus === "Running", "the first start running");
    expect(first.input).toBe("first");

    const again = await fetch(`${ext.origin}/runtime/webhooks/durabletask/orchestrators/${SPIKE.waiter}/${childId}?code=local`,
      { method: "POST", body: JSON.stringify("again"), headers: { "content-type": "application/json" } });
    // 3.19.0 answers 409 with DT.AS's message (HttpApiHandler catches OrchestrationAlreadyExistsException on a
    // start); the local runtime answers the same (test/runtime/extensionBehaviour.test.ts).
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ Message: "An Orchestration instance with the status Running already exists." });
    expect((await statusOf(ext.origin, childId))?.input).toBe("first");

    const parentId = await start(SPIKE.parent, { childId, tag: "second" });
    const replaced = await until(ext.origin, childId, (s) => s.input === "second", "the child replaced by the parent's start", 30_000);
    expect(replaced).toMatchObject({ runtimeStatus: "Running", parentInstanceId: parentId });
    const history = (await statusOf(ext.origin, childId, "&showHistory=true"))!.historyEvents!;
    expect(history.map((e) => e.EventType)).toEqual(["ExecutionStarted"]); // the first start's history is gone

    expect((await raise("go", "now")).status).toBe(202);
    const parent = await untilTerminal(ext.origin, parentId);
    expectStatus(parent, "Completed");
    expect(parent.output).toEqual({ child: { startedWith: "second", go: "now" } });
    expect((await statusOf(ext.origin, childId))?.output).toEqual({ startedWith: "second", go: "now" });
  });
});
