// Event Grid trigger for ARM resource events. A write on a private endpoint this app is waiting on
// wakes that wait early (EndpointApprovalChanged); the wait then re-reads ARM, so the event is only
// a hint. Anything else is ignored and logged at debug; a malformed event never throws out of here.
import type { InvocationContext } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { z } from "zod";
import { parseResourceId } from "../domain/resourceId.js";
import { events } from "../names.js";
import { approvalInstanceId } from "../domain/ids.js";

export const RESOURCE_EVENTS = new Set(["Microsoft.Resources.ResourceWriteSuccess", "Microsoft.Resources.ResourceActionSuccess"]);

// Event Grid schema (eventType) or CloudEvents 1.0 (type); both carry the resource id as subject.
const ResourceEvent = z.union([
  z.object({ eventType: z.string(), subject: z.string(), eventTime: z.string().optional() }),
  z.object({ type: z.string(), subject: z.string(), time: z.string().optional(), specversion: z.string() }),
]);

export async function onResourceEvent(event: unknown, client: DurableClient, context: InvocationContext): Promise<void> {
  try {
    const parsed = ResourceEvent.safeParse(event);
    if (!parsed.success) return context.debug("ignored: not a resource event");
    const type = "eventType" in parsed.data ? parsed.data.eventType : parsed.data.type;
    const time = "eventType" in parsed.data ? parsed.data.eventTime : parsed.data.time;
    const ref = parseResourceId(parsed.data.subject);
    if (!RESOURCE_EVENTS.has(type) || !ref || ref.provider.toLowerCase() !== "microsoft.network" || ref.type.toLowerCase() !== "privateendpoints") {
      return context.debug(`ignored: ${type} on a resource that is not a private endpoint`);
    }
    const instanceId = approvalInstanceId(ref.subscriptionId, ref.resourceGroup, ref.name);
    await client.raiseEvent(instanceId, events.endpointApprovalChanged, { subject: parsed.data.subject, eventType: type, eventTime: time ?? null });
    context.info(`woke approval wait ${instanceId} for ${ref.name}`);
  } catch (error) {
    // Usually "no instance": an endpoint no provisioning of ours is waiting on.
    context.debug(`ignored: ${String((error as Error)?.message ?? error).split("\n")[0]}`);
  }
}
