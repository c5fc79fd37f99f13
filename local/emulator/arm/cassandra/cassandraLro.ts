// Cosmos writes to a cluster or one of its data centers: one LRO at a time per cluster (the lock behind the 409 of
// reference §1.4), status on `.../Microsoft.DocumentDB/locations/{loc}/operationsStatus/{id}`.
import type { ErrorDetail } from "../../core/errors.js";
import type { EmulatorRequest } from "../../types.js";
import { startOperation, type ArmContext } from "../context.js";
import { idKey } from "../ids.js";
import type { OperationRecord } from "../lro.js";
import type { ArmResource } from "../state.js";

export function startCassandraOperation(
  arm: ArmContext,
  req: EmulatorRequest,
  cluster: ArmResource,
  target: string,
  kind: string,
): OperationRecord {
  const subscriptionId = cluster.id.split("/")[2] ?? "";
  return startOperation(arm, req, { provider: "Microsoft.DocumentDB", subscriptionId, location: String(cluster.location), kind, target,
    lockKey: idKey(cluster.id) });
}

/** Where a failed provisioning explains itself (reference §1.2, §9). */
export function recordFailure(resource: ArmResource | undefined, error: ErrorDetail): void {
  if (resource) Object.assign(resource.properties, { provisioningState: "Failed", provisionError: error });
}
