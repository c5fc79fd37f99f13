// A rotation request that arrived while the cluster's singleton was running a plan that does not cover it
// (src/adapters/rotationQueue.ts): it waits, under its own id, until that run ends, then starts the cluster's rotation
// with its own plan through the durable client and follows it to its end. A run it finds started by someone else in
// the meantime is waited out too, so the request is never silently joined to a plan that is not its own.
import type * as df from "durable-functions";
import type { QueuedInput } from "../activities/contracts.js";
import { activities as A } from "../src/names.js";
import { pollUntil } from "./polling.js";
import { SagaProgress } from "./progress.js";
import { call, StepFailed, type Gen } from "./steps.js";

const MAX_ROUNDS = 5;

export function* queuedRotation(ctx: df.OrchestrationContext): Gen<unknown> {
  const { plan, behind } = ctx.df.getInput() as QueuedInput;
  const progress = new SagaProgress(ctx);
  const timing = { pollIntervalMs: plan.timing.pollIntervalMs, timeoutMs: plan.policy.caRetireGraceMs + 4 * plan.timing.timeoutMs };
  let ahead = behind;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    progress.begin("queued", { queuedBehind: ahead.instanceId });
    yield* waitForEnd(ctx, progress, ahead, timing);
    progress.begin("rotate", { round });
    const start = yield* call(ctx, "rotate", A.startClusterRotation, { plan });
    if ("blockedBy" in start) throw new StepFailed("rotate", `the cluster is being provisioned by ${start.blockedBy}, its only writer`);
    if (!start.started) {
      ahead = { instanceId: start.instanceId, createdTime: start.createdTime };
      continue;
    }
    const run = yield* waitForEnd(ctx, progress, start, timing);
    if (run.state === "failed" || run.state === "terminated") throw new StepFailed("rotate", `rotation ${run.state}: ${run.reason}`);
    if (run.state !== "completed") throw new StepFailed("rotate", `rotation ${start.instanceId} was replaced before it finished`);
    progress.finish();
    return { queuedBehind: behind.instanceId, rotation: start.instanceId, output: run.output };
  }
  throw new StepFailed("queued", `the cluster's rotation stayed busy through ${MAX_ROUNDS} runs`);
}

function* waitForEnd(ctx: df.OrchestrationContext, progress: SagaProgress, run: { instanceId: string; createdTime: string }, timing: { pollIntervalMs: number; timeoutMs: number }) {
  return yield* pollUntil(ctx, progress, {
    step: "queued", activity: A.readClusterRotation, input: run, timing, waitingFor: `rotation ${run.instanceId} to finish`,
    check: (r) => (r.state === "running" ? "wait" : "done"),
  });
}
