// Waits for the private endpoint's manual connection to be decided on Microsoft's side. Polling ARM is
// the guaranteed path; an Event Grid hint (EndpointApprovalChanged) only ends the current wait early,
// because the decision is always re-read from ARM. Each check is one execution: continueAsNew keeps
// the history bounded however long the wait (durable-runtime.md §8.2).
import type * as df from "durable-functions";
import type { PrivateEndpointRef } from "../src/domain/networkPorts.js";
import { activities, events } from "../src/names.js";
import { call } from "./steps.js";

export interface ApprovalWaitInput {
  endpoint: PrivateEndpointRef;
  since: string;
  deadline: string;
  pollIntervalMs: number;
  checks: number;
}

export type ApprovalOutcome = "Approved" | "Rejected" | "Disconnected" | "EndpointDeleted" | "DeadlineExceeded";

export interface ApprovalResult {
  outcome: ApprovalOutcome;
  description?: string;
  checks: number;
  decidedAt: string;
}

const DECIDED = new Set(["Approved", "Rejected", "Disconnected"]);

export function* awaitEndpointApproval(ctx: df.OrchestrationContext): Generator<df.Task, ApprovalResult | undefined, unknown> {
  const input = ctx.df.getInput() as ApprovalWaitInput;
  const checks = input.checks + 1;
  const reading = yield* call(ctx, "awaitApproval", activities.readPrivateEndpoint, input.endpoint);
  const now = ctx.df.currentUtcDateTime;
  const decided = (outcome: ApprovalOutcome): ApprovalResult => ({
    outcome, checks, decidedAt: now.toISOString(), ...(reading.description ? { description: reading.description } : {}),
  });
  if (!reading.exists) return decided("EndpointDeleted");
  if (reading.connectionStatus && DECIDED.has(reading.connectionStatus)) return decided(reading.connectionStatus as ApprovalOutcome);
  if (now.getTime() >= Date.parse(input.deadline)) return decided("DeadlineExceeded");

  const nextCheckAt = new Date(Math.min(now.getTime() + input.pollIntervalMs, Date.parse(input.deadline)));
  ctx.df.setCustomStatus({
    waitingOn: `approval of ${input.endpoint.name} since ${input.since}, next check at ${nextCheckAt.toISOString()}, deadline ${input.deadline}`,
    connectionStatus: reading.connectionStatus ?? "Unknown",
    nextCheckAt: nextCheckAt.toISOString(),
    deadline: input.deadline,
    checks,
  });
  // A fresh timer per wait, cancelled when the event wins (durable-runtime.md §7 #5, #6).
  const timer = ctx.df.createTimer(nextCheckAt);
  const hint = ctx.df.waitForExternalEvent(events.endpointApprovalChanged);
  const winner = yield ctx.df.Task.any([timer, hint]);
  if (winner === hint) timer.cancel();
  ctx.df.continueAsNew({ ...input, checks });
  return undefined;
}
