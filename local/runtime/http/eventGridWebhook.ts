// The host's Event Grid webhook, /runtime/webhooks/eventgrid?functionName=<name> (Azure WebJobs EventGrid
// extension, HttpRequestProcessor + EventGridExtensionConfigProvider): `aeg-event-type` SubscriptionValidation
// → handshake; Notification → body is an Event Grid array or one CloudEvent, each event invokes the
// function (single dispatch, in parallel); any failure → 500 so Event Grid redelivers, else 202.
import { describeError, invoke } from "../core/invoker.js";
import type { FunctionRegistry } from "../core/registry.js";
import { jsonData } from "../core/rpcData.js";
import { triggerInputs, type ClientDataProvider } from "../core/triggerInputs.js";
import { jsonResponse, MAX_JSON_DEPTH, parseJsonWithin, segmentsBelow, textResponse, type IncomingRequest, type OutgoingResponse, type RequestHandler } from "./httpTypes.js";

export const EVENT_GRID_PATH = "runtime/webhooks/eventgrid";

function validationCode(body: unknown): unknown {
  if (Array.isArray(body)) return (body[0] as { data?: { validationCode?: unknown } } | undefined)?.data?.validationCode;
  // The CloudEvents validation event carries its data double-encoded.
  const data = (body as { data?: unknown }).data;
  const decoded = typeof data === "string" ? parseJsonWithin(data) : { value: data };
  return "value" in decoded ? (decoded.value as { validationCode?: unknown } | null | undefined)?.validationCode : undefined;
}

const NOT_JSON = "The request content should be parseable into a JSON object or array.";

function header(req: IncomingRequest, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export function eventGridWebhookHandler(registry: FunctionRegistry, clientData: ClientDataProvider, report: (line: string) => void = () => {}): RequestHandler {
  return async (req): Promise<OutgoingResponse | undefined> => {
    if (!segmentsBelow(req.url, EVENT_GRID_PATH)) return undefined;
    // CloudEvents abuse-protection handshake (Event Grid sends it before CloudEvents deliveries) [local convenience].
    const origin = header(req, "webhook-request-origin");
    if (req.method === "OPTIONS") return origin ? { status: 200, headers: { "webhook-allowed-origin": origin } } : textResponse(400, "WebHook-Request-Origin is required.");
    const functionName = [...req.url.searchParams].find(([key]) => key.toLowerCase() === "functionname")?.[1] ?? "";
    const fn = registry.find(functionName, "eventGrid");
    if (!fn) return textResponse(404, "cannot find the function named by functionName");
    const kind = header(req, "aeg-event-type").toLowerCase();
    if (kind === "unsubscribe") return { status: 202 };
    if (kind !== "subscriptionvalidation" && kind !== "notification") return textResponse(400, "The aeg-event-type header must be SubscriptionValidation, Notification or Unsubscribe.");
    // Refused whole, with a 4xx that Event Grid does not retry: a 5xx would make it redeliver the entire batch.
    const parsed = parseJsonWithin(req.body.toString("utf8"));
    if ("problem" in parsed) return textResponse(400, parsed.problem === "tooDeep" ? `The request content is nested more than ${MAX_JSON_DEPTH} levels deep.` : NOT_JSON);
    const body = parsed.value;
    if (typeof body !== "object" || body === null) return textResponse(400, NOT_JSON);
    if (kind === "subscriptionvalidation") return jsonResponse(200, { validationResponse: validationCode(body) });
    const events = Array.isArray(body) ? body : [body];
    const outcomes = await Promise.all(events.map((event) => invoke(registry, fn, triggerInputs(fn, jsonData(event), clientData))));
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) {
      report(`Event Grid function '${fn.name}' failed: ${describeError(failed.error, false)}`);
      return textResponse(500, `The function '${fn.name}' failed; the host log has the reason.`);
    }
    return { status: 202 };
  };
}
