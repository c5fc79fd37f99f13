// What the app tells Application Insights, through the OpenTelemetry API (a no-op until install.ts installed
// providers): a span per activity in its saga's trace, a span when a saga ends, certificate days-to-expiry per
// cluster, rotation outcomes, and a custom event on every rollback or failed rotation. Only names, ids, counts,
// stages, dates and failure reasons go out: never an input or output as a whole (they may name key material).
import { context, metrics, SpanStatusCode, trace, TraceFlags, type Attributes, type Span } from "@opentelemetry/api";
import { logs, SeverityNumber } from "@opentelemetry/api-logs";
import { sagaTraceIds } from "./traceIds.js";

const SCOPE = "cassandra-vpn-automation";
const DAY_MS = 86_400_000;
const MAX_REASON = 500;

function sagaContext(instanceId: string) {
  const { traceId, spanId } = sagaTraceIds(instanceId);
  return trace.setSpanContext(context.active(), { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
}

export function startActivitySpan(activity: string, instanceId: string): Span {
  return trace.getTracer(SCOPE).startSpan(`activity ${activity}`, {
    attributes: { "cassandra_vpn.instance_id": instanceId, "cassandra_vpn.activity": activity },
  }, sagaContext(instanceId));
}

/** Ends an activity's span with its outcome: an activity answers errors as values ({ ok: false, kind }) or throws. */
export function endActivitySpan(span: Span, result: unknown, error: unknown): void {
  const answer = result as { ok?: boolean; kind?: string; message?: string } | undefined;
  if (error) {
    span.setAttribute("cassandra_vpn.outcome", "thrown");
    span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error).split("\n")[0]!.slice(0, MAX_REASON) });
  } else if (answer?.ok === false) {
    span.setAttribute("cassandra_vpn.outcome", answer.kind ?? "failed");
    span.setStatus({ code: SpanStatusCode.ERROR, message: (answer.message ?? "").slice(0, MAX_REASON) });
  } else {
    span.setAttribute("cassandra_vpn.outcome", "ok");
  }
  span.end();
}

// The latest certificate dates read per cluster; the gauge reports days left at each collection.
const expiries = new Map<string, { attributes: Attributes; notAfter: number }>();
let gauge: unknown;

interface Inventory { ca: Array<{ notAfter?: string; stage?: string }>; clients: Record<string, Array<{ notAfter?: string; stage?: string }>> }

export function recordInventory(cluster: string, inventory: Inventory): void {
  gauge ??= metrics.getMeter(SCOPE).createObservableGauge("cassandra_vpn.certificate.days_to_expiry", {
    description: "Days until the current CA or client certificate of a cluster expires", unit: "d",
  }).addCallback((result) => {
    for (const { attributes, notAfter } of expiries.values()) result.observe(Math.floor((notAfter - Date.now()) / DAY_MS), attributes);
  });
  const current = (versions: Inventory["ca"]) => versions.find((v) => v.stage === "current");
  const entries: Array<[string, Inventory["ca"][number] | undefined]> = [["ca", current(inventory.ca)],
    ...Object.entries(inventory.clients).map(([name, versions]): [string, Inventory["ca"][number] | undefined] => [`client:${name}`, current(versions)])];
  for (const [certificate, version] of entries) {
    if (!version?.notAfter) continue;
    expiries.set(`${cluster} ${certificate}`, { attributes: { "cassandra_vpn.cluster": cluster, "cassandra_vpn.certificate": certificate }, notAfter: Date.parse(version.notAfter) });
  }
}

export interface SagaEnd {
  orchestration: string;
  instanceId: string;
  status: "Completed" | "Failed";
  cluster?: string;
  reason?: string;
  action?: string;
  rolledBack: boolean;
  compensation?: string[];
}

let rotations: ReturnType<ReturnType<typeof metrics.getMeter>["createCounter"]> | undefined;

/** A saga's end: its span in the saga's trace, a structured log record, and the rotation outcome counter. */
export function recordSagaEnd(end: SagaEnd): void {
  const attributes: Attributes = {
    "cassandra_vpn.instance_id": end.instanceId, "cassandra_vpn.orchestration": end.orchestration, "cassandra_vpn.status": end.status,
    ...(end.cluster ? { "cassandra_vpn.cluster": end.cluster } : {}), ...(end.action ? { "cassandra_vpn.action": end.action } : {}),
    "cassandra_vpn.rolled_back": end.rolledBack,
  };
  const span = trace.getTracer(SCOPE).startSpan(`saga ${end.orchestration} ${end.status.toLowerCase()}`, { attributes }, sagaContext(end.instanceId));
  if (end.status === "Failed") span.setStatus({ code: SpanStatusCode.ERROR, message: (end.reason ?? "").slice(0, MAX_REASON) });
  span.end();
  logs.getLogger(SCOPE).emit({
    severityNumber: end.status === "Failed" ? SeverityNumber.WARN : SeverityNumber.INFO, severityText: end.status === "Failed" ? "WARN" : "INFO",
    body: `${end.orchestration} ${end.instanceId} ${end.status}${end.reason ? `: ${end.reason.slice(0, MAX_REASON)}` : ""}`, attributes,
  });
  if (end.orchestration === "rotateClusterCertificates") {
    rotations ??= metrics.getMeter(SCOPE).createCounter("cassandra_vpn.rotation.outcomes", { description: "Certificate rotations by outcome" });
    rotations.add(1, { "cassandra_vpn.cluster": end.cluster ?? "", "cassandra_vpn.outcome": end.status === "Completed" ? "completed" : end.rolledBack ? "rolledBack" : "failed",
      ...(end.action ? { "cassandra_vpn.action": end.action } : {}) });
  }
}

/** An Application Insights custom event (a log record with microsoft.custom_event.name, which the exporter maps). */
export function emitNotificationEvent(name: string, properties: Record<string, string>): void {
  logs.getLogger(SCOPE).emit({
    severityNumber: SeverityNumber.WARN, severityText: "WARN", body: name,
    attributes: { "microsoft.custom_event.name": name, ...properties },
  });
}
