// Instances started under version 3 replay what version 3 did when the cluster refused a trust write with 409 (the step
// failed and the rotation rolled back); from version 4 the write waits for the cluster to settle and is sent again
// (orchestrations/trustWrite.ts). The fixture was recorded from the v3 code itself (fixtures/v3/README.md).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventType } from "../../../local/runtime/durable/history.js";
import { startTestRuntime, type TestRuntime } from "../../../local/runtime/testing.js";
import { replayRecorded, type RecordedInstance } from "../../support/historyReplay.js";
import { expectSameAsRecorded, firstDivergence } from "../../support/replayExpectations.js";

const recorded: RecordedInstance = JSON.parse(readFileSync(new URL("./fixtures/v3/rotation-trust-conflict.json", import.meta.url), "utf8"));
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ entry: new URL("./fixtures/replay.app.ts", import.meta.url) });
});
afterAll(() => rt.dispose());

describe("replaying a history recorded from the v3 code", () => {
  it("a CA rotation whose trust write met a 409: the step failed and the rotation rolled back, as recorded", async () => {
    const scheduled = await expectSameAsRecorded(rt, recorded, "3");
    const afterWrite = scheduled.slice(scheduled.indexOf("activity updateClusterTrust") + 1);
    expect(afterWrite[0]).not.toBe("activity readClusterTrust");
    expect(String(recorded.output)).toContain("409 Conflict");
  });

  it("tells a divergence: the same history stamped version 4 waits for the cluster and writes again (control)", async () => {
    const history = recorded.history.map((e) => (e.EventType === EventType.ExecutionStarted ? { ...e, Version: "4" } : e));
    const diverged = firstDivergence(await replayRecorded(rt, { ...recorded, history }));
    expect(diverged?.yielded.at(-1)).toBe("activity readClusterTrust");
    expect(diverged?.recorded.at(-1)).not.toBe("activity readClusterTrust");
  });
});
