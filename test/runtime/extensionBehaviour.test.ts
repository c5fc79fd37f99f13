// The extension caps custom status at 16 KB of UTF-16 JSON, with the KB count truncated, and fails the instance
// after the orchestrator has returned (host-and-service.md §1; 3.19.0 as asserted by
// test/real-extension/wire.test.ts): no action of that episode is scheduled and the orchestrator's catch never runs.
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
  it("accepts up to one byte under 17 KB (the extension truncates the KB count)", async () => {
    const done = await rt.waitForCompletion(rt.start("BigStatus", fillerFor(17 * 1024 - 2)));
    expect(done.runtimeStatus).toBe("Completed");
    expect(done.output).toBe("done");
  });

  it("fails the instance at 17 KB, with the extension's message, scheduling nothing and running no catch", async () => {
    const done = await rt.waitForCompletion(rt.start("BigStatus", fillerFor(17 * 1024)));
    expect(done.runtimeStatus).toBe("Failed");
    expect(done.output).toBe(
      "Orchestrator function 'BigStatus' failed: The UTF-16 size of the JSON-serialized payload must not exceed 16 KB. The current payload size is 17 KB.",
    );
    expect(historyShape(done.history).some((e) => e.startsWith("TaskScheduled"))).toBe(false);
    expect(done.customStatus).not.toBe("caught");
  });

  it("reports a status over the cap set in a later episode as nondeterminism, as the extension does", async () => {
    const done = await rt.waitForCompletion(rt.start("BigStatusLate", fillerFor(17 * 1024)));
    expect(done.runtimeStatus).toBe("Failed");
    expect(String(done.output)).toMatch(
      /^Non-Deterministic workflow detected: A previous execution of this orchestration scheduled an activity task with sequence ID 0 and name 'Noop'/,
    );
    expect(String(done.output)).not.toMatch(/16 KB/);
  });
});

// host-and-service.md #2, docs/real-extension.md "Observed" #2 and #3: DT.AS de-duplicates client starts
// (409) but not sub-orchestration starts, which replace a running instance under the same id.
describe("a start on the id of a running instance", () => {
  it("is refused with 409 from the client, and replaces the instance as a sub-orchestration", async () => {
    const childId = "singleton-child";
    rt.start("Waiter", "first", childId);
    await rt.idle();
    const again = await fetch(`${rt.runtime.durableBaseUrl}/orchestrators/Waiter/${childId}`, { method: "POST", body: JSON.stringify("again") });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ Message: "An Orchestration instance with the status Running already exists." });
    expect(rt.status(childId)?.input).toBe("first");

    const parentId = rt.start("WaiterParent", { childId, tag: "second" });
    await rt.idle();
    const replaced = rt.status(childId)!;
    expect(replaced).toMatchObject({ runtimeStatus: "Running", input: "second", parent: { instanceId: parentId } });
    expect(historyShape(replaced.history).filter((e) => e.startsWith("ExecutionStarted"))).toHaveLength(1);

    rt.raiseEvent(childId, "go", "now");
    const parent = await rt.waitForCompletion(parentId);
    expect(parent.output).toEqual({ child: { startedWith: "second", go: "now" } });
  });
});

// docs/real-extension.md "Observed" #4: DT.AS queues TimerFired with visibility FireAt - now in whole seconds,
// truncated, and nothing re-checks FireAt, so a timer can fire up to a second early (seen 0.9 s on 3.19.0).
describe("durable timers", () => {
  it("fire up to a second early where the wait is not whole seconds, and on time where it is", async () => {
    const early = await rt.waitForCompletion(rt.start("Sleeper", 2_500));
    expect(early.output).toBe(2_000);
    const exact = await rt.waitForCompletion(rt.start("Sleeper", 3_000));
    expect(exact.output).toBe(3_000);
  });
});
