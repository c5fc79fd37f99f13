// A rotation request while the cluster's singleton runs (docs/certificates.md "Requests during a phase"): it joins
// the running run only if that run's plan covers it (same scope, its clients include the requested ones); otherwise
// it is queued behind that run as an instance of its own (orchestrations/queuedRotation.orchestrator.ts), never
// silently joined. One queue instance per cluster and request, so a repeated request finds the waiting one.
import type { DurableClient } from "durable-functions";
import type { QueuedInput } from "../../activities/contracts.js";
import { queuedRotationInstanceId } from "../domain/ids.js";
import type { RotationPlan } from "../domain/rotationPlan.js";
import { orchestrations, orchestrationVersion } from "../names.js";
import { findInstance, isActive } from "./durableStatus.js";

/** Whether the running plan does what `plan` asks: the same scope, and every client it names. */
function covers(running: Pick<RotationPlan, "requested" | "clients"> | undefined, plan: RotationPlan): boolean {
  if (!running || (running.requested ?? null) !== (plan.requested ?? null)) return false;
  const clients = running.clients ?? [];
  return plan.clients.length ? plan.clients.every((c) => clients.includes(c)) : clients.length === 0;
}

/** Undefined when the running run covers the request (joined); else the queue instance it now waits in. */
export async function queueUnlessCovered(client: DurableClient, plan: RotationPlan, behind: QueuedInput["behind"]): Promise<string | undefined> {
  const status = await findInstance(client, behind.instanceId, true);
  const input = typeof status?.input === "string" ? (JSON.parse(status.input) as RotationPlan) : (status?.input as RotationPlan | undefined);
  if (status && isActive(status) && covers(input, plan)) return undefined;
  const request = JSON.stringify({ requested: plan.requested ?? null, clients: [...plan.clients].sort() });
  const instanceId = queuedRotationInstanceId(plan.cluster, request);
  const queued = await findInstance(client, instanceId);
  if (queued && isActive(queued)) return instanceId;
  const queuedInput: QueuedInput = { plan, behind };
  try {
    await client.startNew(orchestrations.queuedRotation, { instanceId, input: queuedInput, version: orchestrationVersion });
  } catch (error) {
    // The same request queued at the same moment by another call: that instance is the queue entry.
    const now = await findInstance(client, instanceId);
    if (!now || !isActive(now)) throw error;
  }
  return instanceId;
}
