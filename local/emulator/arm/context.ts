// What the ARM handlers share: the emulator context, resource state, the LRO engine and approval hooks.
import type { Logger } from "../logger.js";
import type { EmulatorContext, EmulatorRequest } from "../types.js";
import type { EventGridPublisher } from "./eventGrid.js";
import { normalizeLocation } from "./ids.js";
import type { LroEngine, OperationRecord, OperationStart } from "./lro.js";
import type { ArmState } from "./state.js";

/** Cluster behaviour reported for the real service that tests switch on (EmulatorOptions of the same names). */
export interface ClusterQuirks {
  /** Cluster PATCH answers 501 NotImplemented (patchClusterNotImplemented). */
  patchNotImplemented: boolean;
  /** GETs show a cluster as it was before its latest update for this long after that update completed (staleReadsMs). */
  staleReadsMs: number;
}

export interface ArmContext {
  ctx: EmulatorContext;
  state: ArmState;
  lro: LroEngine;
  events: EventGridPublisher;
  log: Logger;
  /** Approve pending private endpoint connections this long after creation (clock ms); never when undefined. */
  autoApproveMs?: number;
  /** Publish approval changes to Event Grid (not Azure's behaviour: see EmulatorOptions.approvalEvents). */
  approvalEvents: boolean;
  clusterQuirks: ClusterQuirks;
  /** Settle due work (auto-approvals, operations) again after `ms` real milliseconds; unref'd, cleared on close. */
  settleAfter(ms: number): void;
}

/** Starts the LRO of a write; its status URL keeps the request's api-version and the resource's region. */
export function startOperation(arm: ArmContext, req: EmulatorRequest, start: Omit<OperationStart, "apiVersion">): OperationRecord {
  return arm.lro.start({ ...start, location: normalizeLocation(start.location), apiVersion: req.url.searchParams.get("api-version") ?? "" }, req);
}
