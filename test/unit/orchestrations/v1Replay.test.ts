// Instances in flight were started under version 1: before host.json's defaultVersion "2" existed, so with no version,
// and the orchestrators branch on context.df.version to replay them (nodesStep, rotationRun, undoStack). Each fixture
// is a history recorded from the v1 code itself (commit 74ed838, the last before versioning; fixtures/v1/README.md),
// replayed episode by episode through the real durable-functions engine: at every episode today's code must yield
// exactly what the v1 code scheduled (activity names, timer times, sub-orchestration ids) and end as the recording did.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventType } from "../../../local/runtime/durable/history.js";
import { startTestRuntime, type TestRuntime } from "../../../local/runtime/testing.js";
import { recordedOutcome, replayRecorded, type EpisodeReplay, type RecordedInstance } from "../../support/historyReplay.js";

const fixture = (name: string): RecordedInstance => JSON.parse(readFileSync(new URL(`./fixtures/v1/${name}.json`, import.meta.url), "utf8"));
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ entry: new URL("./fixtures/replay.app.ts", import.meta.url) });
});
afterAll(() => rt.dispose());

/** The first episode at which the replay yields something else than the recording, or undefined. */
const firstDivergence = (replays: EpisodeReplay[]) => replays.find((r) => JSON.stringify(r.yielded) !== JSON.stringify(r.recorded));

async function expectSameAsRecorded(recorded: RecordedInstance): Promise<string[]> {
  const started = recorded.history.find((e) => e.EventType === EventType.ExecutionStarted)!;
  expect(started.Version, "a v1 instance carries no version").toBe("");
  const replays = await replayRecorded(rt, recorded);
  expect(firstDivergence(replays)).toBeUndefined();
  expect(replays.slice(0, -1).every((r) => !r.outcome.done)).toBe(true);
  const end = replays.at(-1)!.outcome;
  const { status, result } = recordedOutcome(recorded);
  expect(end.done).toBe(true);
  if (status === "Completed") expect(end.output).toEqual(result);
  // The one change since v1 allowed in a failure's text: a reason that ends in a period gets no second one (issue 13).
  else expect(`Orchestrator function '${recorded.name}' failed: ${end.error}`).toBe(String(result).replace(/\.\. /g, ". "));
  return replays.at(-1)!.recorded;
}

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
