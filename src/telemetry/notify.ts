// A notification on every rollback or failed rotation: an Application Insights custom event and, when
// NOTIFY_WEBHOOK_URL is set, a JSON POST there (Teams/Slack-style incoming webhooks take a `text`). A webhook that
// fails is reported in the function's log and never fails the saga: the event in Application Insights remains.
import { emitNotificationEvent } from "./emit.js";

export interface Notification {
  event: "RotationFailed" | "ProvisioningRolledBack" | "ProvisioningUndone";
  instanceId: string;
  cluster: string;
  reason: string;
  /** What the rollback did, e.g. "delete cluster cass-demo: deleted". */
  compensation: string[];
}

const WEBHOOK_TIMEOUT_MS = 10_000;

export async function notify(note: Notification, webhookUrl: string | undefined, warn: (line: string) => void): Promise<void> {
  emitNotificationEvent(note.event, {
    "cassandra_vpn.instance_id": note.instanceId, "cassandra_vpn.cluster": note.cluster,
    "cassandra_vpn.reason": note.reason, "cassandra_vpn.compensation": note.compensation.join("; "),
  });
  if (!webhookUrl) return;
  const text = `${note.event}: ${note.cluster} (${note.instanceId}): ${note.reason}${note.compensation.length ? ` — ${note.compensation.join("; ")}` : ""}`;
  try {
    const res = await fetch(webhookUrl, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...note, text, at: new Date().toISOString() }), signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (!res.ok) warn(`notification webhook answered ${res.status} for ${note.event} of ${note.instanceId}`);
  } catch (error) {
    warn(`notification webhook failed for ${note.event} of ${note.instanceId}: ${String((error as Error)?.message ?? error).split("\n")[0]}`);
  }
}
