// A cluster's rotation is a singleton under an id derived from the cluster (one writer per cluster). It is
// started or joined only through the durable client: client starts are de-duplicated by the extension, while
// a sub-orchestration started on the id of a running instance overwrites it on Azure Storage
// (host-and-service.md §2), so no orchestrator ever starts it as a sub-orchestration.
import type { DurableClient } from "durable-functions";
import { rotationInstanceId } from "../domain/ids.js";
import { RETIRE_DUE, type RotationPlan } from "../domain/rotationPlan.js";
import { orchestrations, orchestrationVersion } from "../names.js";
import { findInstance, isActive, runningWriter } from "./durableStatus.js";

export type StartOutcome = { instanceId: string; started: boolean; createdTime: string } | { instanceId: string; blockedBy: string };

/**
 * Starts the cluster's rotation, or joins the one running. While the cluster's provisioning runs, it is the only
 * writer: others are refused with `blockedBy`; the provisioning itself passes its id to start its first rotation.
 */
export async function startOrJoinRotation(client: DurableClient, plan: RotationPlan, startedBy?: string): Promise<StartOutcome> {
  const instanceId = rotationInstanceId(plan.cluster);
  const provisioning = await runningWriter(client, "provision", plan.cluster);
  if (provisioning && provisioning.instanceId !== startedBy) return { instanceId, blockedBy: provisioning.instanceId };
  for (let attempt = 1; ; attempt++) {
    const running = await runningWriter(client, "rotate", plan.cluster);
    if (running) return { instanceId: running.instanceId, started: false, createdTime: String(running.createdTime) };
    try {
      await client.startNew(orchestrations.rotateClusterCertificates, { instanceId, input: plan, version: orchestrationVersion });
      const started = await findInstance(client, instanceId);
      return { instanceId, started: true, createdTime: String(started?.createdTime ?? "") };
    } catch (error) {
      // Another trigger started it between our read and our start: the next read joins it (or, if it has
      // finished already, this request starts afresh, since that rotation may have decided something else).
      if (attempt >= 2) throw error;
    }
  }
}

export type RotationRun =
  /** `steps`: the steps begun so far, from its custom status (orchestrations/progress.ts); the fleet paces by them. */
  | { state: "running"; steps: string[] }
  | { state: "completed"; output: unknown }
  | { state: "failed" | "terminated"; reason: string }
  /** The instance under that id is no longer the run that was started or joined (a later run replaced it). */
  | { state: "gone" };

const stepsOf = (customStatus: unknown): string[] =>
  ((customStatus as { steps?: Array<{ step?: unknown }> } | null)?.steps ?? []).map((s) => String(s.step)).slice(0, 20);

/** How the run started (or joined) at `createdTime` stands now. */
export async function readRotationRun(client: DurableClient, instanceId: string, createdTime: string): Promise<RotationRun> {
  const status = await findInstance(client, instanceId);
  if (status && String(status.createdTime) !== createdTime) {
    // Only a finished run can be replaced. A short CA_RETIRE_GRACE lets the retire waker's run do so before the
    // caller's next reading; that run exists only because this one promoted its new CA (its output is lost).
    const later = await findInstance(client, instanceId, true);
    return (later?.input as { reason?: unknown } | null)?.reason === RETIRE_DUE
      ? { state: "completed", output: { action: "rotateCa", outcome: `promoted; the retire it scheduled runs as ${instanceId}` } } : { state: "gone" };
  }
  if (!status) return { state: "gone" };
  if (isActive(status)) return { state: "running", steps: stepsOf(status.customStatus) };
  if (status.runtimeStatus === "Completed") return { state: "completed", output: status.output };
  const reason = String(status.output ?? status.runtimeStatus).replace(/^Orchestrator function '[^']+' failed: /, "").split("\n")[0]!;
  return { state: status.runtimeStatus === "Terminated" ? "terminated" : "failed", reason };
}
