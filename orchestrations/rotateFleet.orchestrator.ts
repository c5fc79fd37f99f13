// The scheduled check of every managed cluster: each cluster's rotation runs as its own singleton (started or
// joined through the durable client, orchestrations/rotationRun.ts),
// at most `maxConcurrency` at a time so the fleet stays inside the ARM write budget. One cluster's
// failure is recorded and does not stop the others.
import * as df from "durable-functions";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { orchestrations, orchestrationVersion } from "../src/names.js";
import { SagaProgress } from "./progress.js";
import { runClusterRotation } from "./rotationRun.js";

export interface FleetInput {
  plans: RotationPlan[];
  maxConcurrency: number;
}

export type ClusterOutcome = { cluster: string; ok: true; action: string } | { cluster: string; ok: false; error: string };

export function* rotateFleet(ctx: df.OrchestrationContext): Generator<df.Task, unknown, unknown> {
  const { plans, maxConcurrency } = ctx.df.getInput() as FleetInput;
  const outcomes: ClusterOutcome[] = [];
  for (let start = 0; start < plans.length; start += maxConcurrency) {
    ctx.df.setCustomStatus({ step: "rotating", done: start, total: plans.length });
    const batch = plans.slice(start, start + maxConcurrency).map((plan) => ctx.df.callSubOrchestrator(orchestrations.rotateOneOfFleet, plan, undefined, orchestrationVersion));
    outcomes.push(...((yield ctx.df.Task.all(batch)) as ClusterOutcome[]));
  }
  ctx.df.setCustomStatus({ step: "done", total: plans.length, failed: outcomes.filter((o) => !o.ok).length });
  return outcomes;
}

/** One cluster of the fleet; never fails, so Task.all above always waits for the whole batch. */
export function* rotateOneOfFleet(ctx: df.OrchestrationContext): Generator<df.Task, ClusterOutcome, unknown> {
  const plan = ctx.df.getInput() as RotationPlan;
  const cluster = `${plan.cluster.resourceGroup}/${plan.cluster.clusterName}`;
  try {
    const result = (yield* runClusterRotation(ctx, new SagaProgress(ctx), "rotate", plan)) as { action?: string } | undefined;
    return { cluster, ok: true, action: result?.action ?? "done" };
  } catch (error) {
    return { cluster, ok: false, error: String((error as Error)?.message ?? error).split("\n")[0]! };
  }
}
