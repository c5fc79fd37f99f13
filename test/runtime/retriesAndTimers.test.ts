// Host-driven retries, durable timers, external events and failure dialects on the virtual clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { probes } from "./fixtures/probes.js";
import { EVENT, ORCHESTRATION } from "./fixtures/workflowNames.js";
import { historyShape, timerDelays } from "./historyShape.js";

const entry = new URL("./fixtures/workflows.app.ts", import.meta.url);
const HOUR_MS = 3_600_000;
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime({ entry });
});
afterAll(() => rt.dispose());

describe("retries", () => {
  it("retries with exponential back-off, then succeeds", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.retryFlaky, null, "flaky-1"));

    expect(done.output).toBe(3);
    expect(probes.read("flaky:flaky-1")).toBe(3);
    expect(historyShape(done.history)).toEqual([
      "ExecutionStarted",
      "TaskScheduled#0 Flaky", "TaskFailed@0", "TimerCreated#1", "TimerFired@1",
      "TaskScheduled#2 Flaky", "TaskFailed@2", "TimerCreated#3", "TimerFired@3",
      "TaskScheduled#4 Flaky", "TaskCompleted@4", "ExecutionCompleted",
    ]);
    expect(timerDelays(done.history)).toEqual([1_000, 2_000]);
  });

  it("gives up after the last attempt (after one more retry timer) and lets the orchestrator catch it", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.retryExhausted, null, "flaky-2"));

    expect(probes.read("flaky:flaky-2")).toBe(2);
    expect(done.output).toEqual({ caught: expect.stringContaining("Activity function 'Flaky' failed: transient failure #2") });
    expect(historyShape(done.history).slice(1, -1)).toEqual([
      "TaskScheduled#0 Flaky", "TaskFailed@0", "TimerCreated#1", "TimerFired@1",
      "TaskScheduled#2 Flaky", "TaskFailed@2", "TimerCreated#3", "TimerFired@3",
    ]);
  });

  it("flags an instance the real host would leave hanging once retryTimeoutInMilliseconds has elapsed", async () => {
    const id = rt.start(ORCHESTRATION.retryWithTimeout, null, "flaky-3");

    await expect(rt.waitForCompletion(id)).rejects.toThrow(/is Running, .*waits forever \(durable-js #629\)/);
    expect(probes.read("flaky:flaky-3")).toBe(3); // failures at +0 s and +1 s get timers; the one at +3 s is past the 1.5 s budget
    expect(rt.status(id)?.stuck).toMatch(/retryTimeoutInMilliseconds elapsed for 'Flaky'/);
  });
});

describe("timers and external events", () => {
  it("takes the event when it arrives before the deadline and cancels the timer", async () => {
    const id = rt.start(ORCHESTRATION.awaitApproval);
    await rt.idle();
    await rt.advance(10 * 60_000);
    rt.raiseEvent(id, EVENT.approval, "alice");
    const done = await rt.waitForCompletion(id);

    expect(done.output).toEqual({ approvedBy: "alice" });
    expect(historyShape(done.history)).not.toContain("TimerFired@0");
    expect(done.execution.timers).toEqual({});
    expect(rt.clock.nextAlarmAt()).toBeUndefined();
  });

  it("times out when no event arrives", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.awaitApproval));

    expect(done.output).toEqual({ timedOut: true });
    expect(historyShape(done.history)).toContain("TimerFired@0");
    expect(timerDelays(done.history)).toEqual([HOUR_MS]);
  });

  it("buffers an event raised before the orchestrator waits for it", async () => {
    const id = rt.start(ORCHESTRATION.greetThenWait);
    rt.raiseEvent(id, EVENT.go, { early: true });
    const done = await rt.waitForCompletion(id);

    expect(done.output).toEqual({ greeting: "Hello early bird", go: { early: true } });
    const shape = historyShape(done.history);
    expect(shape).toEqual(expect.arrayContaining(["EventRaised Go", "TaskCompleted@0"]));
    expect(shape.indexOf("EventRaised Go")).toBeLessThan(shape.indexOf("TaskCompleted@0"));
  });

  it("runs a 24-hour wait in virtual time", async () => {
    const id = rt.start(ORCHESTRATION.longWait, { hours: 24 });
    const startedAt = rt.clock.now();
    const wallStart = performance.now();
    const done = await rt.waitForCompletion(id);
    const wallMs = performance.now() - wallStart;

    expect(Date.parse(String(done.output)) - startedAt).toBeGreaterThanOrEqual(24 * HOUR_MS);
    console.info(`24 h virtual wait: ${wallMs.toFixed(1)} ms wall`);
  });

  it("splits a 10-day timer into 3-day segments like the extension", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.longWait, { hours: 240 }));

    expect(historyShape(done.history).slice(1, -1)).toEqual([
      "TimerCreated#0", "TimerFired@0", "TimerCreated#1", "TimerFired@1", "TimerCreated#2", "TimerFired@2",
    ]);
    expect(timerDelays(done.history)).toEqual([72 * HOUR_MS, 72 * HOUR_MS, 96 * HOUR_MS]);
  });
});

describe("activity failure dialects", () => {
  it("classic: Reason and Details reach user code as a plain Error", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.catchActivityError));

    expect(done.output).toEqual({ name: "Error", message: expect.stringMatching(/^Activity function 'AlwaysFails' failed: permanent failure \n \{/) });
  });

  it("failureDetails: user code sees a TaskFailedError", async () => {
    const other = await startTestRuntime({ entry, failureMode: "failureDetails" });
    try {
      const done = await other.waitForCompletion(other.start(ORCHESTRATION.catchActivityError));
      expect(done.output).toEqual({ name: "TaskFailedError", message: "Error: permanent failure" });
    } finally {
      await other.dispose();
    }
  });
});
