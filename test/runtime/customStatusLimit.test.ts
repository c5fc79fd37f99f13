// The extension caps custom status at 16 KB of UTF-16 JSON and fails the instance after the orchestrator has
// returned (host-and-service.md §1): no action of that episode is scheduled and the orchestrator's catch never runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { historyShape } from "./historyShape.js";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ entry: new URL("./fixtures/limits.app.ts", import.meta.url) });
});
afterAll(() => rt.dispose());

// {"filler":"…"} is 13 characters around the filler; two bytes per UTF-16 code unit.
const fillerFor = (bytes: number) => bytes / 2 - 13;

describe("custom status size", () => {
  it("accepts exactly 16 KB", async () => {
    const done = await rt.waitForCompletion(rt.start("BigStatus", fillerFor(16 * 1024)));
    expect(done.runtimeStatus).toBe("Completed");
    expect(done.output).toBe("done");
  });

  it("fails the instance one character over, with the extension's message, scheduling nothing and running no catch", async () => {
    const done = await rt.waitForCompletion(rt.start("BigStatus", fillerFor(16 * 1024) + 1));
    expect(done.runtimeStatus).toBe("Failed");
    expect(String(done.output)).toContain("The UTF-16 size of the JSON-serialized payload must not exceed 16 KB. The current payload size is 16 KB.");
    expect(historyShape(done.history).some((e) => e.startsWith("TaskScheduled"))).toBe(false);
    expect(done.customStatus).not.toBe("caught");
  });
});
