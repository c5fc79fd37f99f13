// The test hooks, as a typed in-process API; the `/_emulator` HTTP routes call the same functions.
import type { ArmService } from "../arm/index.js";
import type { ApprovalRequest } from "../arm/network/approvals.js";
import type { ArmResource } from "../arm/state.js";
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
}

export function createControlApi(deps: { arm: ArmService; faults: FaultRegistry; requestLog: RequestLog; flush(): void }): ControlApi {
  const { arm, faults, requestLog } = deps;
  return {
    resources() {
      arm.settle();
      return arm.resources();
    },
    approve(request) {
      arm.settle();
      const endpoint = arm.approvals.decide(request);
      deps.flush();
      return endpoint && structuredClone(endpoint);
    },
    addFault: (rule) => faults.add(rule),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    requests: () => requestLog.view(),
    clearRequests: () => requestLog.clear(),
  };
}
