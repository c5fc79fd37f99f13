// The saga's wait for the datacenter's nodes to report Up. While it waits, the service's own connection errors
// (cluster status `connectionErrors`: OperatorToDataCenterNetworkError, InternalOperatorToDataCenterCertificateError,
// …) are shown in `waitingOn` and end up in the failure reason, instead of a bare timeout. Instances started before
// version 2 read the node list only (readClusterNodes) and replay that.
import type * as df from "durable-functions";
import type { NodeStatus } from "../src/domain/ports.js";
import { resourceRefsOf, type ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { activities as A } from "../src/names.js";
import { pollUntil } from "./polling.js";
import type { SagaProgress } from "./progress.js";
import { connectionProblems, nodesUp } from "./provisioningChecks.js";
import type { Gen } from "./steps.js";

export function* awaitNodesUp(ctx: df.OrchestrationContext, progress: SagaProgress, plan: ProvisioningPlan): Gen<NodeStatus[]> {
  const { datacenter: dc, operations: timing } = plan;
  const input = resourceRefsOf(plan).cluster;
  const up = nodesUp(dc.datacenterName, dc.nodeCount);
  const waitingFor = `${dc.nodeCount} nodes of ${dc.datacenterName} to report Up`;
  if (!ctx.df.version) return yield* pollUntil(ctx, progress, { step: "awaitNodes", activity: A.readClusterNodes, input, timing, check: up, waitingFor });
  const health = yield* pollUntil(ctx, progress, {
    step: "awaitNodes", activity: A.readClusterHealth, input, timing, waitingFor, check: (h) => up(h.nodes), detail: connectionProblems,
  });
  return health.nodes;
}
