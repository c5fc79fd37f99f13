// Runs a cluster's rotation from another orchestration: start or join the cluster's singleton through the
// durable client (an activity), then read that run on durable timers until it ends. Never a sub-orchestration
// on the singleton's id: on Azure Storage that overwrites a running rotation (host-and-service.md §2).
// Instances started before version 2 recorded a sub-orchestration here and replay it, under the id they gave it then
// (`rotate-<sub>-<rg>-<cluster>`, legacyInstanceId; their plans carry it as rotationInstanceId, which a provisioning's
// DELETE terminates), as the recorded v1 histories show (test/unit/orchestrations/v1Replay.test.ts).
import type * as df from "durable-functions";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { legacyInstanceId } from "../src/domain/ids.js";
import { activities as A, orchestrations } from "../src/names.js";
import { pollUntil } from "./polling.js";
import type { SagaProgress } from "./progress.js";
import { call, StepFailed, type Gen } from "./steps.js";

export function* runClusterRotation(ctx: df.OrchestrationContext, progress: SagaProgress, step: string, plan: RotationPlan, startedBy?: string): Gen<unknown> {
  if (!ctx.df.version) return yield ctx.df.callSubOrchestrator(orchestrations.rotateClusterCertificates, plan, legacyInstanceId("rotate", plan.cluster));
  const start = yield* call(ctx, step, A.startClusterRotation, { plan, ...(startedBy ? { startedBy } : {}) });
  if ("blockedBy" in start) throw new StepFailed(step, `the cluster is being provisioned by ${start.blockedBy}, its only writer`);
  // A rotation may wait out a CA grace period and make a few cluster updates, each within the operation timeout.
  const timing = { pollIntervalMs: plan.timing.pollIntervalMs, timeoutMs: plan.policy.caRetireGraceMs + 4 * plan.timing.timeoutMs };
  const run = yield* pollUntil(ctx, progress, {
    step, activity: A.readClusterRotation, input: { instanceId: start.instanceId, createdTime: start.createdTime }, timing,
    waitingFor: `rotation ${start.instanceId} to finish`,
    check: (r) => r.state === "running" ? "wait" : r.state === "completed" ? "done"
      : r.state === "gone" ? { fail: `rotation ${start.instanceId} was replaced before it finished` } : { fail: `rotation ${r.state}: ${r.reason}` },
  });
  return run.state === "completed" ? run.output : undefined;
}
