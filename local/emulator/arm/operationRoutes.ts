// The operation-status endpoints the SDK pollers GET (reference §3.1). No vendored spec describes them; they are
// checked by hand (specs/handValidated.ts).
import { errorResponse } from "../core/errors.js";
import type { EmulatorResponse, Route } from "../types.js";
import type { LroEngine, LroProvider, OperationRecord } from "./lro.js";

const LOCATIONS = "/subscriptions/{subscriptionId}/providers/{provider}/locations/{location}";

export function operationRoutes(lro: LroEngine): Route[] {
  const find = (p: Record<string, string>, provider: LroProvider) => {
    const op = lro.get(p.subscriptionId ?? "", p.operationId ?? "");
    return op?.provider === provider ? op : undefined;
  };
  const missing = (p: Record<string, string>): EmulatorResponse =>
    errorResponse(404, "OperationNotFound", `Operation ${p.operationId} was not found.`);
  const running = (op: OperationRecord) => (op.status === "InProgress" ? lro.retryAfter() : {});
  return [
    { method: "GET", path: `${LOCATIONS.replace("{provider}", "Microsoft.DocumentDB")}/operationsStatus/{operationId}`, handler: (_req, p) => {
      const op = find(p, "Microsoft.DocumentDB");
      if (!op) return missing(p);
      const id = `/subscriptions/${op.subscriptionId}/providers/${op.provider}/locations/${op.location}/operationsStatus/${op.id}`;
      return { status: 200, headers: running(op), body: { id, name: op.id, status: op.status,
        startTime: new Date(op.startedAt).toISOString(), ...terminal(op) } };
    } },
    { method: "GET", path: `${LOCATIONS.replace("{provider}", "Microsoft.Network")}/operations/{operationId}`, handler: (_req, p) => {
      const op = find(p, "Microsoft.Network");
      if (!op) return missing(p);
      return { status: 200, headers: running(op), body: { status: op.status, ...(op.error ? { error: { ...op.error, details: [] } } : {}) } };
    } },
    { method: "GET", path: `${LOCATIONS.replace("{provider}", "Microsoft.Network")}/operationResults/{operationId}`, handler: (_req, p) => {
      const op = find(p, "Microsoft.Network");
      if (!op) return missing(p);
      if (op.status === "InProgress") return { status: 202, headers: { ...running(op), Location: lro.headers(op, true).Location ?? "" } };
      // A failed operation answers with its error, so a Location-polling client throws (reference §3.2).
      return op.error ? errorResponse(400, op.error.code, op.error.message) : { status: 204 };
    } },
    // A resource group delete's Location: 202 while it runs, then 200 (resources.json ResourceGroups_Delete).
    { method: "GET", path: "/subscriptions/{subscriptionId}/operationresults/{operationId}", handler: (_req, p) => {
      const op = find(p, "Microsoft.Resources");
      if (!op) return missing(p);
      if (op.status === "InProgress") return { status: 202, headers: lro.headers(op, true) };
      return op.error ? errorResponse(409, op.error.code, op.error.message) : { status: 200 };
    } },
  ];
}

function terminal(op: OperationRecord): Record<string, unknown> {
  if (op.status === "InProgress") return {};
  return { endTime: new Date(op.endedAt ?? op.startedAt).toISOString(), ...(op.error ? { error: op.error } : {}) };
}
