// Event Grid delivery of `Microsoft.Resources.ResourceWriteSuccess` (reference §6.1, §6.4). Delivery is best effort:
// failures are logged and never reach the request that caused the event.
import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import { parseScope } from "./ids.js";

/** The tenant the emulator claims everywhere (the one in reference §5.1's challenge). */
export const EMULATOR_TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

export interface EventGridEvent {
  id: string;
  topic: string;
  subject: string;
  eventType: string;
  eventTime: string;
  data: Record<string, unknown>;
  dataVersion: string;
  metadataVersion: string;
}

/** Shaped after eventgrid/.../Microsoft.Resources/.../event-grid-schema/resource_write_success.json. */
export function resourceWriteSuccessEvent(resourceId: string, operationName: string, now: number): EventGridEvent {
  const scope = parseScope(resourceId);
  const subscriptionId = scope?.subscriptionId ?? "";
  const correlationId = randomUUID();
  return {
    id: randomUUID(),
    topic: `/subscriptions/${subscriptionId}/resourceGroups/${scope?.resourceGroupName ?? ""}`,
    subject: resourceId,
    eventType: "Microsoft.Resources.ResourceWriteSuccess",
    eventTime: new Date(now).toISOString(),
    data: {
      authorization: { scope: resourceId, action: operationName, evidence: { role: "Subscription Admin" } },
      claims: { aud: "https://management.core.windows.net/", iss: `https://sts.windows.net/${EMULATOR_TENANT_ID}/` },
      correlationId,
      resourceProvider: operationName.split("/")[0],
      resourceUri: resourceId,
      operationName,
      status: "Succeeded",
      subscriptionId,
      tenantId: EMULATOR_TENANT_ID,
    },
    dataVersion: "2",
    metadataVersion: "1",
  };
}

export class EventGridPublisher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly url: string | undefined,
    private readonly log: Logger,
  ) {}

  publish(events: EventGridEvent[]): void {
    if (!this.url || events.length === 0) return;
    const delivery = this.deliver(this.url, events).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Waits for deliveries in flight; `abort` cancels them first (used on close). */
  async drain(abort = false): Promise<void> {
    if (abort) this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(url: string, events: EventGridEvent[]): Promise<void> {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "aeg-event-type": "Notification" },
        body: JSON.stringify(events),
        signal: this.abort.signal,
      });
      await response.arrayBuffer();
      if (!response.ok) this.log("warn", "event grid delivery refused", { url, status: response.status });
      else this.log("debug", "event grid delivered", { url, subjects: events.map((e) => e.subject) });
    } catch (error) {
      this.log("warn", "event grid delivery failed", { url, error: String(error) });
    }
  }
}
