// The Durable HTTP management API the real DurableClient talks to (durable-runtime.md §6.2), served under
// both /runtime/webhooks/durabletask/ (URLs handed to users) and /durabletask/ (the client's rpcBaseUrl).
import type { OrchestrationEngine } from "../durable/engine.js";
import { StartError } from "../durable/startRules.js";
import { isTerminal, type InstanceRecord } from "../durable/instance.js";
import { managementPayload, RPC_PATH, WEBHOOK_PATH } from "./durableUrls.js";
import { jsonResponse, MAX_JSON_DEPTH, parseJsonWithin, segmentsBelow, textResponse, type IncomingRequest, type OutgoingResponse, type RequestHandler } from "./httpTypes.js";
import { filterFromQuery, matchesFilter, statusPayload } from "./statusPayload.js";

export interface ManagementDeps {
  engine: OrchestrationEngine;
  taskHub: string;
  origin(): string;
  waitForTerminal(instanceId: string, timeoutMs: number): Promise<InstanceRecord | undefined>;
}

const flag = (query: URLSearchParams, name: string, fallback: boolean) =>
  query.has(name) ? query.get(name)?.toLowerCase() === "true" : fallback;

/** Empty body → undefined; otherwise JSON (a 400 when it is not, or when it is nested too deeply to persist). */
function parseJsonBody(req: IncomingRequest): { value: unknown } | OutgoingResponse {
  const text = req.body.toString("utf8");
  if (text.trim() === "") return { value: undefined };
  const parsed = parseJsonWithin(text);
  if ("value" in parsed) return parsed;
  return textResponse(400, parsed.problem === "tooDeep" ? `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.` : "The request body is not valid JSON.");
}

// Every error answer carries a body (the client only reads the status).
const NO_INSTANCE = () => textResponse(404, "No instance with that ID.");
const SIGNAL_TEXT = { notFound: "No instance with that ID.", gone: "The instance has already finished." } as const;

function checkStatusResponse(deps: ManagementDeps, instanceId: string): OutgoingResponse {
  const payload = managementPayload(deps.origin(), deps.taskHub, instanceId);
  return jsonResponse(202, payload, { location: payload.statusQueryGetUri, "retry-after": "10" });
}

async function startOrchestration(deps: ManagementDeps, req: IncomingRequest, functionName: string, instanceId?: string): Promise<OutgoingResponse> {
  const body = parseJsonBody(req);
  if (!("value" in body)) return body;
  let rec: InstanceRecord;
  try {
    const args = { input: body.value, version: req.url.searchParams.get("version") };
    rec = deps.engine.start(functionName, instanceId === undefined ? args : { ...args, instanceId });
  } catch (error) {
    if (error instanceof StartError) {
      // The extension's 409 is JSON ({"Message": …}); its other refusals are plain text.
      return error.status === 409 ? jsonResponse(409, { Message: error.message }) : textResponse(error.status, error.message);
    }
    throw error;
  }
  const timeout = req.url.searchParams.get("timeout");
  if (!timeout) return checkStatusResponse(deps, rec.instanceId);
  // createAndWaitOnNewInstancePostUri: like waitForCompletionOrCreateCheckStatusResponse (§6.3).
  const done = await deps.waitForTerminal(rec.instanceId, Number(timeout) * 1000);
  if (!done) return checkStatusResponse(deps, rec.instanceId);
  if (done.runtimeStatus === "Completed") return jsonResponse(200, done.output ?? null);
  return jsonResponse(done.runtimeStatus === "Failed" ? 500 : 200, statusPayload(done));
}

function getStatus(deps: ManagementDeps, req: IncomingRequest, instanceId: string): OutgoingResponse {
  const rec = deps.engine.records.get(instanceId);
  if (!rec) return NO_INSTANCE();
  const query = req.url.searchParams;
  const body = statusPayload(rec, {
    showInput: flag(query, "showInput", true),
    showHistory: flag(query, "showHistory", false),
    showHistoryOutput: flag(query, "showHistoryOutput", false),
  });
  if (!isTerminal(rec.runtimeStatus)) {
    const location = managementPayload(deps.origin(), deps.taskHub, instanceId).statusQueryGetUri;
    return jsonResponse(202, body, { location, "retry-after": "5" });
  }
  const failedAs500 = rec.runtimeStatus === "Failed" && flag(query, "returnInternalServerErrorOnFailure", false);
  return jsonResponse(failedAs500 ? 500 : 200, body);
}

function listOrPurge(deps: ManagementDeps, req: IncomingRequest): OutgoingResponse {
  const filter = filterFromQuery(req.url.searchParams);
  const matching = [...deps.engine.records.values()].filter((rec) => matchesFilter(rec, filter));
  if (req.method === "DELETE") {
    const deleted = matching.filter((rec) => deps.engine.purge(rec.instanceId)).length;
    return deleted === 0 ? textResponse(404, "No finished instance matches.") : jsonResponse(200, { instancesDeleted: deleted });
  }
  const showInput = flag(req.url.searchParams, "showInput", true);
  return jsonResponse(200, matching.map((rec) => statusPayload(rec, { showInput })));
}

const SIGNAL_STATUS = { accepted: 202, notFound: 404, gone: 410 } as const;
const signalResponse = (outcome: keyof typeof SIGNAL_STATUS): OutgoingResponse =>
  outcome === "accepted" ? { status: 202 } : textResponse(SIGNAL_STATUS[outcome], SIGNAL_TEXT[outcome]);
const NOT_EMULATED = new Set(["suspend", "resume", "rewind", "restart"]);

async function route(deps: ManagementDeps, req: IncomingRequest, segments: string[]): Promise<OutgoingResponse> {
  const [resource = "", id, action, eventName] = segments;
  const { method } = req;
  if (resource.toLowerCase() === "orchestrators" && method === "POST" && id) return startOrchestration(deps, req, id, action || undefined);
  if (resource.toLowerCase() === "instances") {
    if (!id) return method === "GET" || method === "DELETE" ? listOrPurge(deps, req) : textResponse(405, "Only GET and DELETE are served on instances.");
    if (!action && method === "GET") return getStatus(deps, req, id);
    if (!action && method === "DELETE") return deps.engine.purge(id) ? jsonResponse(200, { instancesDeleted: 1 }) : NO_INSTANCE();
    if (action === "raiseEvent" && eventName && method === "POST") {
      if (!String(req.headers["content-type"] ?? "").toLowerCase().includes("application/json")) {
        return textResponse(400, "Only application/json request content is supported");
      }
      const body = parseJsonBody(req);
      if (!("value" in body)) return body;
      return signalResponse(deps.engine.raiseEvent(id, eventName, body.value));
    }
    if (action === "terminate" && method === "POST") {
      return signalResponse(deps.engine.terminate(id, req.url.searchParams.get("reason")));
    }
    if (action && NOT_EMULATED.has(action)) return textResponse(501, `'${action}' is not emulated by the local durable runtime.`);
  }
  if (resource.toLowerCase() === "entities") return textResponse(501, "Durable entities are not emulated by the local durable runtime.");
  return textResponse(404, "Not Found");
}

export function managementApiHandler(deps: ManagementDeps): RequestHandler {
  return async (req) => {
    const segments = segmentsBelow(req.url, WEBHOOK_PATH) ?? segmentsBelow(req.url, RPC_PATH);
    return segments ? route(deps, req, segments) : undefined;
  };
}
