// The saga's approval step: the wait for Microsoft's side to approve the private endpoint connection runs
// as its own instance (awaitEndpointApproval, addressed by the endpoint so an Event Grid hint finds it).
// Anything but Approved fails the step; a deadline with `onTimeout: keep` keeps what was created.
import type * as df from "durable-functions";
import { resourceRefsOf, type ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { orchestrations } from "../src/names.js";
import type { ApprovalResult, ApprovalWaitInput } from "./awaitEndpointApproval.orchestrator.js";
import type { SagaProgress } from "./progress.js";
import { StepFailed, type Gen } from "./steps.js";

export class ApprovalNotGiven extends StepFailed {
  constructor(reason: string, readonly keepResources: boolean) {
    super("awaitApproval", reason);
  }
}

export function* awaitApproval(ctx: df.OrchestrationContext, plan: ProvisioningPlan, progress: SagaProgress): Gen<ApprovalResult> {
  const pe = plan.privateEndpoint;
  const since = ctx.df.currentUtcDateTime;
  const deadline = new Date(since.getTime() + plan.approval.deadlineMs).toISOString();
  progress.begin("awaitApproval", { approvalInstanceId: plan.approval.instanceId, deadline });
  progress.waiting(`approval of ${pe.name} since ${since.toISOString()}, deadline ${deadline}`);
  const waitInput: ApprovalWaitInput = {
    endpoint: resourceRefsOf(plan).endpoint,
    since: since.toISOString(), deadline, pollIntervalMs: plan.approval.pollIntervalMs, checks: 0,
  };
  const approval = (yield ctx.df.callSubOrchestrator(orchestrations.awaitEndpointApproval, waitInput, plan.approval.instanceId)) as ApprovalResult;
  if (approval.outcome !== "Approved") {
    throw new ApprovalNotGiven(`private endpoint connection ${approval.outcome}${approval.description ? ` (${approval.description})` : ""}`,
      approval.outcome === "DeadlineExceeded" && plan.approval.onTimeout === "keep");
  }
  return approval;
}
