// One trace per saga instance: its trace id and a root span id are derived from the instance id, so every activity
// of the instance, on whichever worker it runs, is exported into the same trace (Application Insights' operation id)
// without the orchestrator, which must stay deterministic, ever creating a span itself.
import { createHash } from "node:crypto";

export function sagaTraceIds(instanceId: string): { traceId: string; spanId: string } {
  const hash = createHash("sha256").update(`saga:${instanceId}`).digest("hex");
  return { traceId: hash.slice(0, 32), spanId: hash.slice(32, 48) };
}
