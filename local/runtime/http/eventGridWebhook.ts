// The host's Event Grid webhook, /runtime/webhooks/eventgrid?functionName=<name> (Azure WebJobs EventGrid
// extension, HttpRequestProcessor + EventGridExtensionConfigProvider): `aeg-event-type` SubscriptionValidation
// → handshake; Notification → body is an Event Grid array or one CloudEvent, each event invokes the
// function (single dispatch, in parallel); any failure → 500 so Event Grid redelivers, else 202.
import { describeError, invoke } from "../core/invoker.js";
import type { FunctionRegistry } from "../core/registry.js";
import { jsonData } from "../core/rpcData.js";
import { triggerInputs, type ClientDataProvider } from "../core/triggerInputs.js";
import { jsonResponse, segmentsBelow, textResponse, type IncomingRequest, type OutgoingResponse, type RequestHandler } from "./httpTypes.js";

export const EVENT_GRID_PATH = "runtime/webhooks/eventgrid";

function validationCode(body: unknown): unknown {
  if (Array.isArray(body)) return (body[0] as { data?: { validationCode?: unknown } } | undefined)?.data?.validationCode;
  // The CloudEvents validation event carries its data double-encoded.
  const data = (body as { data?: unknown }).data;
  return (typeof data === "string" ? (JSON.parse(data) as { validationCode?: unknown }) : (data as { validationCode?: unknown }))?.validationCode;
}

function header(req: IncomingRequest, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export function eventGridWebhookHandler(registry: FunctionRegistry, clientData: ClientDataProvider): RequestHandler {
  return async (req): Promise<OutgoingResponse | undefined> => {
    if (!segmentsBelow(req.url, EVENT_GRID_PATH)) return undefined;
    // CloudEvents abuse-protection handshake (Event Grid sends it before CloudEvents deliveries) [local convenience].
    const origin = header(req, "webhook-request-origin");
    if (req.method === "OPTIONS") return origin ? { status: 200, headers: { "webhook-allowed-origin": origin } } : { status: 400 };
    const functionName = [...req.url.searchParams].find(([key]) => key.toLowerCase() === "functionname")?.[1] ?? "";
    const fn = registry.find(functionName, "eventGrid");
    if (!fn) return textResponse(404, `cannot find function: '${functionName}'`);
    const kind = header(req, "aeg-event-type").toLowerCase();
    if (kind === "unsubscribe") return { status: 202 };
    if (kind !== "subscriptionvalidation" && kind !== "notification") return { status: 400 };
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString("utf8"));
    } catch {
      return textResponse(400, "The request content should be parseable into a JSON object or array.");
    }
    if (typeof body !== "object" || body === null) return textResponse(400, "The request content should be parseable into a JSON object or array.");
    if (kind === "subscriptionvalidation") return jsonResponse(200, { validationResponse: validationCode(body) });
    const events = Array.isArray(body) ? body : [body];
    const outcomes = await Promise.all(events.map((event) => invoke(registry, fn, triggerInputs(fn, jsonData(event), clientData))));
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) return textResponse(500, describeError(failed.error, false));
    return { status: 202 };
  };
}
