// One request's way through the emulator: fault → auth → throttle (ARM) → body → spec validation → handler.
// Faults come first so they can stand in for anything Azure might answer (brief: "before auth/validation").
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logger.js";
import type { SpecValidator } from "../specs/validator.js";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types.js";
import { armAuthProblem, keyVaultChallenge } from "./auth.js";
import { errorResponse } from "./errors.js";
import type { FaultRegistry } from "./faults.js";
import { BodyError, isHttpMethod, readJsonBody, requestUrl, sendResponse, stripTrailingSlash } from "./http.js";
import type { RequestLog, RequestLogEntry, Service } from "./requestLog.js";
import type { Router, TemplateMatch } from "./router.js";
import type { ArmThrottle } from "./throttle.js";
import { validationFailure } from "./validationErrors.js";

export interface PipelineDeps {
  now(): number;
  routes: Router<Route>;
  control: Router<Route>;
  validator: SpecValidator;
  faults: FaultRegistry;
  requestLog: RequestLog;
  throttle: ArmThrottle | undefined;
  /** Applies clock-driven state changes before the request is looked at. */
  settle(): void;
  flush(): void;
  log: Logger;
}

const KEY_VAULT_ROOTS = ["certificates", "deletedcertificates", "keys", "deletedkeys", "secrets", "deletedsecrets"];

const internalError = () => errorResponse(500, "InternalServerError", "The emulator failed to handle the request.");

export function serviceOf(path: string): Service {
  const root = path.split("/")[1]?.toLowerCase() ?? "";
  if (root === "subscriptions") return "arm";
  return KEY_VAULT_ROOTS.includes(root) ? "keyvault" : "other";
}

export function createRequestListener(deps: PipelineDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.log("error", "request handling failed", { error: String((error as Error).stack ?? error) });
      if (!res.headersSent) sendResponse(req, res, internalError());
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req.url);
  const method = (req.method ?? "GET").toUpperCase();
  const path = stripTrailingSlash(url.pathname);
  const control = deps.control.match(method, path);
  if (control || path.startsWith("/_emulator")) return answerControl(deps, req, res, url, path, control);

  const entry: RequestLogEntry = { time: new Date(deps.now()).toISOString(), method, path: url.pathname, service: serviceOf(path), status: 0, valid: null };
  let response: EmulatorResponse | "dropped";
  try {
    deps.settle();
    response = await answer(deps, req, url, path, entry);
  } catch (error) {
    deps.log("error", "request handling failed", { method, path, error: String((error as Error).stack ?? error) });
    entry.note = "emulator error";
    response = internalError();
  } finally {
    // Every request may change state, GETs included: settling completes operations by the clock.
    deps.flush();
  }
  if (response !== "dropped") entry.status = response.status;
  deps.requestLog.record(entry);
  if (response === "dropped") req.socket.destroy();
  else sendResponse(req, res, response);
}

async function answer(deps: PipelineDeps, req: IncomingMessage, url: URL, path: string, entry: RequestLogEntry): Promise<EmulatorResponse | "dropped"> {
  const { method, service } = entry;
  const fault = deps.faults.takeRequestFault(method, url.pathname);
  if (fault) entry.note = `fault ${fault.id}`;
  if (fault && "drop" in fault.response) return "dropped";
  if (fault && "status" in fault.response) {
    const { status, headers, body } = fault.response;
    return { status, ...(headers ? { headers } : {}), ...(body === undefined ? {} : { body }) };
  }
  if (fault && "delayMs" in fault.response) await sleep(fault.response.delayMs);
  if (!isHttpMethod(method)) return errorResponse(405, "MethodNotAllowed", `The emulator does not accept ${method}.`);

  const unauthenticated = service === "arm" ? armAuthProblem(req.headers) : service === "keyvault" ? keyVaultChallenge(req.headers) : undefined;
  if (unauthenticated) {
    entry.note = "unauthenticated";
    return unauthenticated;
  }

  let rateHeaders: Record<string, string> = {};
  if (service === "arm" && deps.throttle) {
    const decision = deps.throttle.take(path.split("/")[2] ?? "", method);
    rateHeaders = decision.headers;
    if (!decision.allowed) {
      entry.note = "throttled";
      return errorResponse(429, "TooManyRequests", "The request is being throttled: the subscription's request budget is exhausted.",
        { headers: { ...rateHeaders, "Retry-After": String(decision.retryAfterSeconds) } });
    }
  }
  const response = await validatedAnswer(deps, req, url, path, entry);
  return { ...response, headers: { ...rateHeaders, ...response.headers } };
}

async function validatedAnswer(deps: PipelineDeps, req: IncomingMessage, url: URL, path: string, entry: RequestLogEntry): Promise<EmulatorResponse> {
  const service = entry.service;
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    entry.valid = false;
    entry.errors = [error.message];
    return validationFailure(service, [{ where: "body", message: error.message }]);
  }
  const request: EmulatorRequest = { method: entry.method as EmulatorRequest["method"], url, path, headers: req.headers, body };
  const check = deps.validator.checkRequest(request);
  entry.valid = check.problems.length === 0;
  if (check.operation) entry.operation = check.operation;
  if (check.problems.length > 0) entry.errors = check.problems.map((p) => p.message);
  const route = deps.routes.match(request.method, path);
  if (check.source !== "none" && check.problems.length > 0) return validationFailure(service, check.problems);
  if (!route) {
    if (check.source !== "none") return errorResponse(501, "NotImplemented", `The emulator does not implement ${check.operation}.`);
    return deps.routes.hasPath(path)
      ? errorResponse(405, "MethodNotAllowed", `The emulator has no ${request.method} operation on ${path}.`)
      : errorResponse(404, "NotFound", `The emulator has no operation for ${request.method} ${path}.`);
  }
  const response = await route.value.handler(request, route.params);
  const responseErrors = deps.validator.checkResponse(request.method, url.pathname, response.status, response.body);
  if (responseErrors.length > 0) {
    entry.responseErrors = responseErrors;
    deps.log("warn", "emulator response departs from the spec", { method: request.method, path, responseErrors });
  }
  return response;
}

async function answerControl(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, url: URL, path: string, route?: TemplateMatch<Route>) {
  if (!route) return sendResponse(req, res, errorResponse(404, "NotFound", `No control operation ${req.method} ${path}.`));
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return sendResponse(req, res, errorResponse(400, "BadRequest", error.message));
  }
  const response = await route.value.handler({ method: route.value.method, url, path, headers: req.headers, body }, route.params);
  sendResponse(req, res, response);
}
