// The test hooks, as a typed in-process API; the `/_emulator` HTTP routes call the same functions.
import type { ArmService } from "../arm/index.js";
import type { ApprovalRequest } from "../arm/network/approvals.js";
import type { ArmResource } from "../arm/state.js";
import type { CassandraNodes, EmulatedNode } from "../cassandra/index.js";
import type { FaultRegistry, FaultRule, FaultRuleInput } from "../core/faults.js";
import type { RequestLog, RequestLogView } from "../core/requestLog.js";

export interface ControlApi {
  /** Every emulated ARM resource as GET returns it. */
  resources(): ArmResource[];
  /** Sets a private endpoint's connection state; `undefined` when the endpoint does not exist. */
  approve(request: ApprovalRequest): ArmResource | undefined;
  /** Adds a fault rule and returns its id. */
  addFault(rule: FaultRuleInput): string;
  faults(): FaultRule[];
  clearFaults(): void;
  requests(): RequestLogView;
  clearRequests(): void;
  /** Every emulated Cassandra node, once its listener has settled, with the client trust in force. */
  nodes(): Promise<EmulatedNode[]>;
}

export interface ControlDeps {
  arm: ArmService;
  cassandraNodes: CassandraNodes;
  faults: FaultRegistry;
  requestLog: RequestLog;
  /** Everything clock-driven: ARM operations and approvals, then the nodes that follow them. */
  settle(): void;
  flush(): void;
}

export function createControlApi(deps: ControlDeps): ControlApi {
  const { arm, cassandraNodes, faults, requestLog } = deps;
  return {
    resources() {
      deps.settle();
      return arm.resources();
    },
    approve(request) {
      deps.settle();
      const endpoint = arm.approvals.decide(request);
      deps.flush();
      return endpoint && structuredClone(endpoint);
    },
    addFault: (rule) => faults.add(rule),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    requests: () => requestLog.view(),
    clearRequests: () => requestLog.clear(),
    async nodes() {
      deps.settle();
      deps.flush();
      await cassandraNodes.idle();
      return cassandraNodes.list();
    },
  };
}
