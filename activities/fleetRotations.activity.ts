// The fleet's two activities: start (or join) a few clusters' rotation singletons, and read how the rotations in
// flight stand. Both go through the durable client, never a sub-orchestration on a singleton's id
// (host-and-service.md §2), and both report the ARM write budget this worker last saw for the subscriptions
// involved, so the fleet paces its next starts (docs/performance.md). One cluster's problem is its own answer,
// never a failure of the batch.
import * as df from "durable-functions";
import { readRotationRun, startOrJoinRotation } from "../src/adapters/rotationSingleton.js";
import type { FleetRunReading, FleetStartAnswer } from "../src/domain/fleetWindow.js";
import { pendingTrustWrites } from "../src/domain/pendingTrustWrites.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import { defineActivity } from "./stepResult.js";

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split("\n")[0]!;

async function startOne(client: df.DurableClient, plan: RotationPlan): Promise<FleetStartAnswer> {
  try {
    const start = await startOrJoinRotation(client, plan);
    if ("blockedBy" in start) return { error: `the cluster is being provisioned by ${start.blockedBy}, its only writer` };
    return { instanceId: start.instanceId, createdTime: start.createdTime };
  } catch (error) {
    return { error: `could not start its rotation: ${firstLine(error)}` };
  }
}

async function readOne(client: df.DurableClient, instanceId: string, createdTime: string): Promise<FleetRunReading> {
  try {
    const run = await readRotationRun(client, instanceId, createdTime);
    if (run.state === "running") return { state: "running", pendingWrites: pendingTrustWrites(run.steps) };
    if (run.state === "completed") return { state: "completed", action: String((run.output as { action?: unknown } | null)?.action ?? "done") };
    if (run.state === "gone") return { state: "failed", reason: `rotation ${instanceId} ended and a later run replaced it before its outcome was read` };
    return { state: "failed", reason: `rotation ${run.state}: ${run.reason}` };
  } catch {
    // A status read that fails says nothing about the rotation: read it again next time.
    return { state: "running", pendingWrites: pendingTrustWrites(undefined) };
  }
}

export const startFleetRotations = (adapters: AdaptersProvider) =>
  defineActivity(A.startFleetRotations, "start fleet rotations", async ({ plans }, context) => {
    const client = df.getClient(context);
    const starts = await Promise.all(plans.map((plan) => startOne(client, plan)));
    const budgets = (await adapters()).writeBudgets.readings([...new Set(plans.map((p) => p.cluster.subscriptionId))]);
    return { starts, budgets };
  });

export const readFleetRotations = (adapters: AdaptersProvider) =>
  defineActivity(A.readFleetRotations, "read fleet rotations", async ({ runs, subscriptions }, context) => {
    const client = df.getClient(context);
    const readings = await Promise.all(runs.map((r) => readOne(client, r.instanceId, r.createdTime)));
    return { runs: readings, budgets: (await adapters()).writeBudgets.readings(subscriptions) };
  });
