// The host's admin API subset useful locally: POST /admin/functions/<name> runs a non-HTTP function now
// (body `{"input": "<string>"}`, 202 like the host), GET /admin/host/status for readiness checks.
import { invoke } from "../core/invoker.js";
import type { FunctionRegistry } from "../core/registry.js";
import { jsonData, parseJsonOrText } from "../core/rpcData.js";
import { triggerInputs, type ClientDataProvider } from "../core/triggerInputs.js";
import type { TimerTriggers } from "../triggers/timerTriggers.js";
import { jsonResponse, parseJsonWithin, segmentsBelow, textResponse, type RequestHandler } from "./httpTypes.js";

export function adminApiHandler(registry: FunctionRegistry, timers: TimerTriggers, clientData: ClientDataProvider): RequestHandler {
  return async (req) => {
    const segments = segmentsBelow(req.url, "admin");
    if (!segments) return undefined;
    const [area, name] = segments;
    if (area === "host" && name === "status" && req.method === "GET") return jsonResponse(200, { state: "Running" });
    if (area !== "functions" || !name || req.method !== "POST") return textResponse(404, "Not Found");
    const fn = registry.find(name);
    if (!fn) return textResponse(404, "No function with that name.");
    if (fn.kind === "timer") {
      void timers.fire(fn.name);
      return { status: 202 };
    }
    if (fn.kind === "eventGrid") {
      const parsed = req.body.length ? parseJsonWithin(req.body.toString("utf8")) : { value: {} };
      const input = "value" in parsed ? (parsed.value as { input?: unknown } | null)?.input : undefined;
      if (!("value" in parsed) || (input !== undefined && typeof input !== "string")) return textResponse(400, 'The body must be {"input": "<string>"}.');
      void invoke(registry, fn, triggerInputs(fn, jsonData(parseJsonOrText(input ?? "{}")), clientData));
      return { status: 202 };
    }
    return textResponse(400, `The local runtime runs only timer and Event Grid functions through the admin API; '${fn.name}' is ${fn.kind}.`);
  };
}
