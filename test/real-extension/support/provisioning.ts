// Provisioning steps on the real extension: what tier one's provisioningScenario does on virtual time,
// here by polling the extension's management API on the real clock.
import { expect } from "vitest";
import { decideEndpoint, idsFor } from "../../support/provisioningScenario.js";
import type { RealWorld } from "./realWorld.js";
import type { InstanceStatus } from "./status.js";

export async function startProvisioning(world: RealWorld, request: Record<string, unknown>): Promise<string> {
  const res = await world.api("POST", "/api/provisionings", request);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.id as string;
}

/**
 * Until the cluster's approval wait (a sub-orchestration) shows a pending check in its custom status. The wait's id
 * is the one the provisioning publishes (a long name's ids end in a digest, src/domain/ids.ts).
 */
export async function untilWaitingForApproval(world: RealWorld, clusterName: string, provisioningId = idsFor(clusterName).provisioning): Promise<InstanceStatus> {
  const approvalOf = (s: InstanceStatus) => (s.customStatus as { details?: { approvalInstanceId?: string } } | undefined)?.details?.approvalInstanceId;
  const saga = await world.until(provisioningId, (s) => Boolean(approvalOf(s)) || s.runtimeStatus !== "Running" && s.runtimeStatus !== "Pending", "the approval wait's id");
  const approvalId = approvalOf(saga);
  if (!approvalId) throw new Error(`provisioning ${provisioningId} ended ${saga.runtimeStatus} before its approval wait: ${JSON.stringify(saga.output)}`);
  return world.until(approvalId, (s) => s.runtimeStatus === "Running" && Boolean(s.customStatus?.waitingOn), "the approval wait");
}

/** Starts, approves when the wait begins (through the emulator's control, as Microsoft would), runs to the end. */
export async function provisionApproved(world: RealWorld, clusterName: string, request: Record<string, unknown>): Promise<InstanceStatus> {
  await startProvisioning(world, request);
  await untilWaitingForApproval(world, clusterName);
  decideEndpoint(world.azureSide(), clusterName, "Approved");
  return world.untilTerminal(idsFor(clusterName).provisioning, 180_000);
}
