// The waker of a CA retire (docs/certificates.md "Phases"): an instance under its own id (domain/ids.ts
// wakerInstanceId) that holds no lock. It sleeps on a durable timer until the earlier CA's `retireAt`, then starts or
// joins the cluster's rotation singleton through the durable client; the run decides from Key Vault whether the
// retire is due. A run it joined decided before the retire was due, so once that ends it starts one more. The
// rotation timer is the backstop for a waker that never ran.
import type * as df from "durable-functions";
import type { WakeInput } from "../activities/contracts.js";
import { activities as A } from "../src/names.js";
import { pollUntil } from "./polling.js";
import { SagaProgress } from "./progress.js";
import { call, type Gen } from "./steps.js";
import { TIMER_EARLY_MS } from "./timers.js";

/** Twice what a timer may fire early (timers.ts), so the run it starts finds the retire due. */
const EARLY_FIRE_MARGIN_MS = 2 * TIMER_EARLY_MS;

export function* wakeRotation(ctx: df.OrchestrationContext): Gen<unknown> {
  const { plan, at } = ctx.df.getInput() as WakeInput;
  const progress = new SagaProgress(ctx);
  progress.begin("sleep", { until: at });
  // A little past `at`: on Azure Storage a durable timer can fire up to a second early (visibility whole seconds,
  // docs/real-extension.md "Observed" #4), and a run started before `at` would find the retire not yet due.
  const wakeAt = Date.parse(at) + EARLY_FIRE_MARGIN_MS;
  if (wakeAt > ctx.df.currentUtcDateTime.getTime()) {
    progress.waiting(`the retire of the previous CA, due at ${at}`);
    yield ctx.df.createTimer(new Date(wakeAt));
  }
  for (let round = 1; ; round++) {
    progress.begin("wake", { round });
    const start = yield* call(ctx, "wake", A.startClusterRotation, { plan });
    if ("blockedBy" in start || start.started || round >= 2) {
      progress.finish();
      return "blockedBy" in start ? { woke: false, blockedBy: start.blockedBy } : { woke: true, rotation: start.instanceId, joined: !start.started };
    }
    // Joined a run that decided before the retire was due: wait for it to end, then start the retire run.
    yield* pollUntil(ctx, progress, {
      step: "wake", activity: A.readClusterRotation, input: { instanceId: start.instanceId, createdTime: start.createdTime },
      timing: { pollIntervalMs: plan.timing.pollIntervalMs, timeoutMs: 4 * plan.timing.timeoutMs }, waitingFor: `rotation ${start.instanceId} to finish`,
      check: (r) => (r.state === "running" ? "wait" : "done"),
    });
  }
}
