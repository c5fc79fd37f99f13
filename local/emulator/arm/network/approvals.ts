// The manual approval of a private endpoint connection, which in Azure the Cassandra team does on its own private
// link service (reference §4.4): by the control API, or automatically `autoApproveMs` after creation. Azure raises
// no event in the customer's subscription for it (host-and-service.md item 6); only with `approvalEvents` is each
// change announced as a ResourceWriteSuccess Event Grid event, for the app's hint path.
import { z } from "zod";
import type { ArmContext } from "../context.js";
import { resourceWriteSuccessEvent } from "../eventGrid.js";
import { idKey } from "../ids.js";
import type { ArmResource, PrivateEndpointRecord } from "../state.js";
import { connectionsOf, setConnectionStates, type ConnectionStatus } from "./privateEndpointModel.js";

export const ApprovalRequest = z.object({
  privateEndpointId: z.string().min(1),
  status: z.enum(["Approved", "Rejected", "Disconnected"]),
  description: z.string().optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;

export interface Approvals {
  /** Sets the state of every connection of the endpoint; `undefined` when there is no such endpoint. */
  decide(request: ApprovalRequest): ArmResource | undefined;
  /** Approves endpoints whose auto-approval time has come. */
  settleAutoApprovals(): void;
}

export function createApprovals(arm: ArmContext): Approvals {
  // Due times a settle is already scheduled for: a timer may fire a millisecond before Date.now()
  // reaches the due time, so a not-yet-due approval schedules its own wake-up once.
  const wakeUps = new Set<number>();
  const apply = (record: PrivateEndpointRecord, status: ConnectionStatus, description: string) => {
    setConnectionStates(record.resource, { status, description, actionsRequired: "None" });
    delete record.autoApproveAt;
    if (arm.approvalEvents) arm.events.publish([resourceWriteSuccessEvent(record.resource.id, "Microsoft.Network/privateEndpoints/write", arm.ctx.now())]);
    arm.log("info", "private endpoint connection state changed", { privateEndpointId: record.resource.id, status });
  };
  return {
    decide(request) {
      const record = arm.state.privateEndpoints.get(idKey(request.privateEndpointId));
      if (!record) return undefined;
      apply(record, request.status, request.description ?? request.status);
      return record.resource;
    },
    settleAutoApprovals() {
      const now = arm.ctx.now();
      for (const record of arm.state.privateEndpoints.values()) {
        if (record.autoApproveAt === undefined) continue;
        if (record.autoApproveAt > now) {
          if (!wakeUps.has(record.autoApproveAt)) arm.settleAfter(record.autoApproveAt - now + 1);
          wakeUps.add(record.autoApproveAt);
          continue;
        }
        wakeUps.delete(record.autoApproveAt);
        const pending = connectionsOf(record.resource).some(
          (c) => (c.properties as { privateLinkServiceConnectionState?: { status?: string } }).privateLinkServiceConnectionState?.status === "Pending");
        if (pending) apply(record, "Approved", "Auto-approved by the emulator");
        else delete record.autoApproveAt;
      }
    },
  };
}
