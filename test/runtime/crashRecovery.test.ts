// Durability: a runtime killed mid-instance and restarted on the same state dir resumes every instance
// where its last commit left it; only the activity that was in flight runs again.
import { afterEach, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { B_STARTED, PIPELINE, STEP } from "./fixtures/pipelineNames.js";
import { probes } from "./fixtures/probes.js";

const entry = new URL("./fixtures/pipeline.app.ts", import.meta.url);
let rt: TestRuntime | undefined;
afterEach(() => rt?.dispose());

it("resumes after a kill, re-running only the activity that was in flight", async () => {
  rt = await startTestRuntime({ entry });
  const id = rt.start(PIPELINE, "in", "pipeline-1");
  await probes.when(B_STARTED);
  expect(rt.status(id)?.customStatus).toEqual({ step: "B" });

  await rt.kill();
  rt = await rt.restart();
  expect(rt.runtime.resumedInstances).toBe(1);
  const done = await rt.waitForCompletion(id);

  expect(done.output).toBe("in>A>B>C");
  expect([probes.read(STEP.a), probes.read(STEP.b), probes.read(STEP.c)]).toEqual([1, 2, 1]);
});

it("re-arms a pending durable timer after a restart", async () => {
  rt = await startTestRuntime({ entry });
  const id = rt.start(PIPELINE, "again", "pipeline-2");
  await rt.idle();
  expect(rt.status(id)?.customStatus).toEqual({ step: "cool-down" });
  expect(rt.status(id)?.execution.timers).not.toEqual({});

  rt = await rt.restart();
  const done = await rt.waitForCompletion(id);

  expect(done.output).toBe("again>A>B>C");
  expect([probes.read(STEP.a), probes.read(STEP.b), probes.read(STEP.c)]).toEqual([2, 3, 2]);
});
