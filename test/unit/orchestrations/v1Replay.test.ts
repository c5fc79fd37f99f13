// Instances in flight were started under version 1: before host.json's defaultVersion "2" existed, so with no version,
// and the orchestrators branch on context.df.version to replay them (nodesStep, rotationRun, undoStack). Each fixture
// is a history recorded from the v1 code itself (commit 74ed838, the last before versioning; fixtures/v1/README.md),
// replayed episode by episode through the real durable-functions engine: at every episode today's code must yield
// exactly what the v1 code scheduled (activity names, timer times, sub-orchestration ids) and end as the recording did.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventType } from "../../../local/runtime/durable/history.js";
import { startTestRuntime, type TestRuntime } from "../../../local/runtime/testing.js";
import { replayRecorded, type RecordedInstance } from "../../support/historyReplay.js";
import { expectSameAsRecorded as sameAsRecorded, firstDivergence } from "../../support/replayExpectations.js";

const fixture = (name: string): RecordedInstance => JSON.parse(readFileSync(new URL(`./fixtures/v1/${name}.json`, import.meta.url), "utf8"));
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ entry: new URL("./fixtures/replay.app.ts", import.meta.url) });
});
afterAll(() => rt.dispose());

const expectSameAsRecorded = (recorded: RecordedInstance) => sameAsRecorded(rt, recorded, "");

const LEGACY_ROTATION_ID = "rotate-00000000-0000-4000-8000-00000000ca55-cass-demo-rg-cass-v1";

describe("replaying histories recorded from the v1 code", () => {
  it("provisioning to the end: the nodes wait reads readClusterNodes, the first certificates are a sub-orchestration under the v1 id", async () => {
    const scheduled = await expectSameAsRecorded(fixture("provision-happy"));
    expect(scheduled).toContain("activity readClusterNodes");
    expect(scheduled).not.toContain("activity readClusterHealth");
    expect(scheduled.at(-1)).toBe(`orchestration rotateClusterCertificates as ${LEGACY_ROTATION_ID}`);
  });

  it("provisioning whose datacenter fails: the same compensations in the same order, the same failure", async () => {
    const scheduled = await expectSameAsRecorded(fixture("provision-compensate"));
    expect(scheduled.filter((a) => a.startsWith("activity delete")).at(0)).toBe("activity deleteDatacenter");
  });

  it("a CA rotation that fails verification: the v1 rollback order, trust first, then the versions marked failed in order", async () => {
    const scheduled = await expectSameAsRecorded(fixture("rotation-rollback"));
    const rollback = scheduled.slice(scheduled.lastIndexOf("activity verifyClientCertificate") + 1).filter((a) => a.startsWith("activity"));
    expect(rollback[0]).toBe("activity updateClusterTrust");
    expect(rollback.slice(-2)).toEqual(["activity setCertificateStage", "activity setCertificateStage"]);
  });

  it("a fleet's cluster check: the rotation as a sub-orchestration under the v1 id", async () => {
    const scheduled = await expectSameAsRecorded(fixture("fleet-one"));
    expect(scheduled).toEqual([`orchestration rotateClusterCertificates as ${LEGACY_ROTATION_ID}`]);
  });

  it("tells a divergence: the same provisioning history stamped version 2 takes today's branches (control)", async () => {
    const recorded = fixture("provision-happy");
    const history = recorded.history.map((e) => (e.EventType === EventType.ExecutionStarted ? { ...e, Version: "2" } : e));
    const diverged = firstDivergence(await replayRecorded(rt, { ...recorded, history }));
    expect(diverged?.yielded.at(-1)).toBe("activity readClusterHealth");
    expect(diverged?.recorded.at(-1)).toBe("activity readClusterNodes");
  });
});
