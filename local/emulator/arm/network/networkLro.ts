// Network RP writes: 201/200 + Azure-AsyncOperation on `.../Microsoft.Network/locations/{loc}/operations/{id}`
// (reference §3.1, §4.1), and the provisioningState that follows the operation.
import { randomUUID } from "node:crypto";
import type { EmulatorRequest } from "../../types.js";
import { startOperation, type ArmContext } from "../context.js";
import { idKey } from "../ids.js";
import type { Completion, OperationRecord } from "../lro.js";
import type { ArmResource } from "../state.js";

export const newEtag = (): string => `W/"${randomUUID()}"`;

export function startNetworkOperation(
  arm: ArmContext,
  req: EmulatorRequest,
  subscriptionId: string,
  resource: ArmResource,
  kind: string,
): OperationRecord {
  return startOperation(arm, req, { provider: "Microsoft.Network", subscriptionId, location: String(resource.location), kind,
    target: resource.id, lockKey: idKey(resource.id) });
}

/** Write completion: the resource found by `lookup` turns Succeeded (or Failed). */
export function provisioningCompletion(lookup: (key: string) => ArmResource | undefined): Completion {
  const setState = (op: OperationRecord, provisioningState: string) => {
    const resource = lookup(idKey(op.target));
    if (resource) resource.properties.provisioningState = provisioningState;
  };
  return {
    succeed(op) {
      setState(op, "Succeeded");
      return undefined;
    },
    fail: (op) => setState(op, "Failed"),
  };
}
