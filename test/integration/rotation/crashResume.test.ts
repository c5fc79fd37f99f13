// Crashes during a rotation: the runtime is killed at every step boundary (the moment customStatus.step changes,
// right after that episode was persisted) and restarted on the same state dir. After every step the invariant is
// checked against the emulator: every client certificate tagged current in Key Vault chains to a CA that is in the
// cluster's clientCertificates and in force on every node, and completes a real mTLS handshake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgressEvent } from "../../../local/runtime/progress.js";
import type { RotationPlan } from "../../../src/domain/rotationPlan.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  caVersions, certificatesOf, inputOf, invariantViolations, issuerOf, only, provisionCluster, requestRotation, settleNodes, trustedThumbprints,
  trustEntries, withStage,
} from "../../support/rotationScenario.js";
import { clusterIdOf, rotationIdOf, wakerIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const ROTATION = rotationIdOf(CLUSTER);

let world: LocalWorld;
/** While armed, the next step change of the rotation kills the runtime from inside the commit. */
const crashes = { armed: false, lastStep: undefined as string | undefined, at: [] as string[], pending: undefined as Promise<void> | undefined };

function crashOnStepChange(event: ProgressEvent): void {
  if (!crashes.armed || event.instanceId !== ROTATION || !event.step || event.step === crashes.lastStep) return;
  crashes.lastStep = event.step;
  crashes.at.push(event.step);
  crashes.pending = world.runtime.kill();
}

let plan: RotationPlan;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT2M" }, runtime: { onProgress: crashOnStepChange } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
  // The plan the HTTP trigger builds from the configuration.
  await requestRotation(world, CLUSTER);
  await world.runtime.waitForCompletion(ROTATION);
  plan = inputOf<RotationPlan>(world, ROTATION);
  expect(plan).toMatchObject({ reason: "requested over HTTP", policy: { caRetireGraceMs: 120_000 } });
});
afterAll(() => world.dispose());

const terminal = () => ["Completed", "Failed", "Terminated"].includes(world.runtime.status(ROTATION)?.runtimeStatus ?? "");

/**
 * Starts a rotation as the HTTP trigger would (same plan, through the engine: a kill must not cut an HTTP answer) and
 * runs it to its end, crashing at each step boundary; answers the invariant's violations after each step.
 */
async function runCrashingAtEveryStep(scope: "ca" | "client"): Promise<Record<string, string[]>> {
  world.runtime.start("rotateClusterCertificates", { ...plan, requested: scope, reason: `crash test (${scope})` }, ROTATION);
  return crashingAtEveryStep(terminal);
}

/** The retire run the waker starts when the grace is over, crashing at each of its step boundaries (and so the waker's too). */
function runRetireCrashingAtEveryStep(): Promise<Record<string, string[]>> {
  return crashingAtEveryStep(() => world.runtime.status(wakerIdOf(CLUSTER))?.runtimeStatus === "Completed" && terminal());
}

async function crashingAtEveryStep(ended: () => boolean): Promise<Record<string, string[]>> {
  const violations: Record<string, string[]> = {};
  crashes.at = [];
  crashes.lastStep = undefined;
  crashes.armed = true;
  try {
    for (;;) {
      const crashesBefore = crashes.at.length;
      await world.runUntil(() => crashes.at.length > crashesBefore || ended());
      if (crashes.at.length > crashesBefore) {
        await crashes.pending;
        violations[crashes.at.at(-1)!] = await invariantViolations(world, CLUSTER);
        world.runtime = await world.runtime.restart();
        continue;
      }
      return violations;
    }
  } finally {
    crashes.armed = false;
  }
}

describe("crash and resume", () => {
  it("a CA rotation killed at every step boundary resumes each time and ends as an uninterrupted one would", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const oldCa = only(before.ca, "current");
    const trustBefore = trustEntries(world, CLUSTER);
    const violations = await runCrashingAtEveryStep("ca");
    expect(crashes.at).toEqual(["decide", "createCa", "trustNewCa", "issueClients", "verify", "promote", "scheduleRetire", "done"]);
    expect(violations).toEqual(Object.fromEntries(crashes.at.map((step) => [step, []])));
    const rotated = world.runtime.status(ROTATION)!;
    expect(rotated.runtimeStatus, JSON.stringify(rotated.output)).toBe("Completed");
    expect(rotated.output).toMatchObject({ action: "rotateCa", retirePendingUntil: expect.any(String) });
    // The next phase, due when the grace is over: the retire run, crashed at each of its steps as well.
    const retireViolations = await runRetireCrashingAtEveryStep();
    // The kill at the retire run's first step cut the waker's start activity: run again, it joins and starts one more run after it (nothing due).
    expect(crashes.at.slice(0, 4)).toEqual(["decide", "retireOldCa", "verifyAfterRetire", "done"]);
    expect(crashes.at.slice(4)).toEqual(crashes.at.length > 4 ? ["decide", "done"] : []);
    expect(retireViolations).toEqual(Object.fromEntries(crashes.at.map((step) => [step, []])));

    const done = world.runtime.status(ROTATION)!;
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    const after = await certificatesOf(world, CLUSTER);
    const newCa = only(after.ca, "current");
    // Exactly one rotation's worth of versions: one bootstrap + one CA, one client; nothing doubled by the re-runs.
    expect(after.ca.length - before.ca.length).toBe(2);
    expect(after.clients.app!.length - before.clients.app!.length).toBe(1);
    expect(newCa.cert.verify(newCa.cert.publicKey)).toBe(true);
    expect(issuerOf(only(after.clients.app!, "current").cert, caVersions(after.ca))?.version).toBe(newCa.version);
    expect(only(after.ca, "previous").version).toBe(oldCa.version);
    expect(trustedThumbprints(world, CLUSTER)).toEqual([newCa.thumbprint]);
    expect(trustEntries(world, CLUSTER)).toHaveLength(trustBefore.length);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });

  it("a rotation that fails and rolls back, killed at every step boundary, still restores the previous trust", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const trustBefore = trustEntries(world, CLUSTER);
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: `${clusterIdOf(CLUSTER)}$` }, response: { lroStatus: "Failed" }, times: 1 });
    const violations = await runCrashingAtEveryStep("ca");
    expect(crashes.at).toEqual(["decide", "createCa", "trustNewCa", "rollback", "failed"]);
    expect(violations).toEqual(Object.fromEntries(crashes.at.map((step) => [step, []])));
    expect(world.runtime.status(ROTATION)?.runtimeStatus).toBe("Failed");
    expect(trustEntries(world, CLUSTER)).toEqual(trustBefore);
    const after = await certificatesOf(world, CLUSTER);
    expect(withStage(after.ca, "failed")).toHaveLength(withStage(before.ca, "failed").length + 1);
    expect(only(after.ca, "current").version).toBe(only(before.ca, "current").version);
  });
});
