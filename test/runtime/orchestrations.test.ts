// Core orchestration behaviours through the real durable-functions replay engine on the local runtime.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import type { ProgressEvent } from "../../local/runtime/index.js";
import { EVENT, ORCHESTRATION } from "./fixtures/workflowNames.js";
import { historyShape } from "./historyShape.js";

const entry = new URL("./fixtures/workflows.app.ts", import.meta.url);
let rt: TestRuntime;
const progress: ProgressEvent[] = [];

beforeAll(async () => {
  rt = await startTestRuntime({ entry, onProgress: (event) => progress.push(event) });
});
afterAll(() => rt.dispose());

describe("orchestrations", () => {
  it("chains activities, one sequence number each, and keeps the last custom status", async () => {
    const id = rt.start(ORCHESTRATION.chain, ["Tokyo", "Seattle", "London"]);
    const done = await rt.waitForCompletion(id);

    expect(done.runtimeStatus).toBe("Completed");
    expect(done.output).toEqual(["Hello Tokyo", "Hello Seattle", "Hello London"]);
    expect(done.customStatus).toEqual({ step: "greeting London" });
    expect(historyShape(done.history)).toEqual([
      "ExecutionStarted", "TaskScheduled#0 Greet", "TaskCompleted@0", "TaskScheduled#1 Greet", "TaskCompleted@1",
      "TaskScheduled#2 Greet", "TaskCompleted@2", "ExecutionCompleted",
    ]);
  });

  it("reports progress with the step and what the instance waits on", async () => {
    const mine = progress.filter((e) => e.name === ORCHESTRATION.chain);
    expect(mine.map((e) => e.step)).toContain("greeting Seattle");
    expect(mine.find((e) => e.step === "greeting Seattle")?.waitingOn).toEqual(["activity Greet"]);
    expect(mine.at(-1)?.runtimeStatus).toBe("Completed");
  });

  it("fans out and in with Task.all, numbering tasks depth-first", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.fanOut, 10));

    expect(done.output).toBe(385);
    const scheduled = historyShape(done.history).filter((s) => s.startsWith("TaskScheduled"));
    expect(scheduled).toEqual(Array.from({ length: 10 }, (_, i) => `TaskScheduled#${i} Square`));
  });

  it("runs a sub-orchestration and returns its result to the parent", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.parent, null, "parent-1"));
    const created = done.history.find((e) => e.Name === ORCHESTRATION.child && e.EventId === 0);
    const childId = String(created?.InstanceId);

    expect(done.output).toEqual({ square: 49, parent: "parent-1" });
    expect(childId).toMatch(/^[0-9a-f]{32}:0$/); // DTFx default: <parent execution id>:<task id>
    expect(rt.status(childId)?.runtimeStatus).toBe("Completed");
    expect(rt.status(childId)?.parent?.instanceId).toBe("parent-1");
  });

  it("surfaces a failed sub-orchestration as a catchable error in the parent", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.parentOfFailing, null, "pf-1"));

    expect(done.output).toEqual({ caught: expect.stringContaining("Orchestrator function 'FailingChild' failed: child exploded") });
    expect(rt.status("pf-1:child")?.runtimeStatus).toBe("Failed");
    expect(historyShape(done.history)).toContain("SubOrchestrationInstanceFailed@0");
  });

  it("keeps history bounded with continueAsNew", async () => {
    const rounds = 50;
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.counter, { n: 1, until: rounds }));

    expect(done.output).toBe(rounds);
    expect(done.generation).toBe(rounds);
    expect(done.input).toEqual({ n: rounds, until: rounds });
    // Only the last execution's history remains: start, one activity, one timer, completion.
    expect(historyShape(done.history)).toEqual([
      "ExecutionStarted", "TaskScheduled#0 Greet", "TaskCompleted@0", "TimerCreated#1", "TimerFired@1", "ExecutionCompleted",
    ]);
    console.info(`continueAsNew: ${rounds} executions, final history ${done.history.length} events`);
  });

  it("carries events that are still queued over to the next execution", async () => {
    const id = rt.start(ORCHESTRATION.collectItems, []);
    for (const item of ["a", "b", "c"]) rt.raiseEvent(id, EVENT.item, item);
    const done = await rt.waitForCompletion(id);

    expect(done.output).toEqual(["a", "b", "c"]);
    expect(done.generation).toBe(3);
  });

  it("fails a nondeterministic orchestrator loudly instead of hanging", async () => {
    const done = await rt.waitForCompletion(rt.start(ORCHESTRATION.nondeterministic));

    expect(done.runtimeStatus).toBe("Failed");
    expect(done.output).toMatch(/^Non-Deterministic workflow detected: action #0 was CallActivity\(Greet\) .* now CallActivity\(Square\)/);
  });

  it("terminates a waiting instance with the reason as output", async () => {
    const id = rt.start(ORCHESTRATION.waitForever);
    await rt.idle();
    expect(rt.status(id)?.runtimeStatus).toBe("Running");

    rt.terminate(id, "operator cancelled");

    expect(rt.status(id)).toMatchObject({ runtimeStatus: "Terminated", output: "operator cancelled" });
    expect(historyShape(rt.history(id)).slice(-2)).toEqual(["ExecutionTerminated", "ExecutionCompleted"]);
  });
});
