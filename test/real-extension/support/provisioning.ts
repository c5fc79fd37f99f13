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

/** Until the cluster's approval wait (a sub-orchestration) shows a pending check in its custom status. */
export function untilWaitingForApproval(world: RealWorld, clusterName: string): Promise<InstanceStatus> {
  return world.until(idsFor(clusterName).approval, (s) => s.runtimeStatus === "Running" && Boolean(s.customStatus?.waitingOn), "the approval wait");
}

/** Starts, approves when the wait begins (through the emulator's control, as Microsoft would), runs to the end. */
export async function provisionApproved(world: RealWorld, clusterName: string, request: Record<string, unknown>): Promise<InstanceStatus> {
  await startProvisioning(world, request);
  await untilWaitingForApproval(world, clusterName);
  decideEndpoint(world.azureSide(), clusterName, "Approved");
  return world.untilTerminal(idsFor(clusterName).provisioning, 180_000);
}
