// One request's way through the emulator, answered in the order Azure answers: fault → auth → throttle (ARM) →
// api-version (ARM's front door, Key Vault) → resource group (ARM) → spec validation → handler. Faults come first so
// they can stand in for anything Azure might answer. Every request is validated and logged, those answered early
// included, so the request log tells whether each one is a request Azure would take.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";
import type { RequestCheck, SpecValidator } from "../specs/validator.js";
import type { EmulatorRequest, EmulatorResponse, HttpMethod, Route } from "../types.js";
import { armAuthProblem, keyVaultChallenge } from "./auth.js";
import { answerControl } from "./controlRequests.js";
import { errorResponse } from "./errors.js";
import { faultAnswer, type FaultRegistry } from "./faults.js";
import { BodyError, isHttpMethod, readJsonBody, requestUrl, sendResponse, stripTrailingSlash, userAgentOf } from "./http.js";
import { recordValidation, type RequestLog, type RequestLogEntry, type Service } from "./requestLog.js";
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
  /** ARM's checks of the scope before the resource provider sees a request (the resource group). */
  scopeProblem(request: EmulatorRequest): EmulatorResponse | undefined;
  /** Applies clock-driven state changes before the request is looked at. */
  settle(): void;
  flush(): void;
  log: Logger;
}

const KEY_VAULT_ROOTS = ["certificates", "deletedcertificates", "keys", "deletedkeys", "secrets", "deletedsecrets"];
const ARM_ROOTS = ["subscriptions", "tenants", "metadata"];

const internalError = () => errorResponse(500, "InternalServerError", "The emulator failed to handle the request.");

export function serviceOf(path: string): Service {
  const root = path.split("/")[1]?.toLowerCase() ?? "";
  if (ARM_ROOTS.includes(root)) return "arm";
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
  if (control || path.startsWith("/_emulator")) return answerControl(req, res, url, path, control);

  const entry: RequestLogEntry = { time: new Date(deps.now()).toISOString(), method, path: url.pathname, service: serviceOf(path), status: 0, valid: null, ...userAgentOf(req) };
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
  const unauthenticated = service === "arm" ? armAuthProblem(req.headers, path) : service === "keyvault" ? keyVaultChallenge(req.headers) : undefined;
  let body: unknown;
  let bodyError: string | undefined;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    bodyError = error.message;
  }
  // Key Vault clients send the request they get challenged on without its body (reference §5.1): nothing to check.
  const bodyWithheld = service === "keyvault" && unauthenticated !== undefined;
  const request: EmulatorRequest = { method: method as HttpMethod, url, path, headers: req.headers, body };
  const check = deps.validator.checkRequest(request, { bodyWithheld });
  recordValidation(entry, check, bodyWithheld ? undefined : bodyError);

  if (fault) entry.note = `fault ${fault.id}`;
  const faulted = fault && (await faultAnswer(fault));
  if (faulted) return faulted;
  if (!isHttpMethod(method)) return errorResponse(405, "MethodNotAllowed", `The emulator does not accept ${method}.`);
  if (unauthenticated) {
    entry.note = "unauthenticated";
    return unauthenticated;
  }

  let rateHeaders: Record<string, string> = {};
  if (service === "arm" && deps.throttle) {
    const decision = deps.throttle.take(/^\/subscriptions\/([^/]+)/i.exec(path)?.[1] ?? "", method);
    rateHeaders = decision.headers;
    if (!decision.allowed) {
      entry.note = "throttled";
      // ARM's code and wording for its subscription token buckets (MicrosoftDocs/azure-docs#105248, aka.ms/arm-throttling).
      return errorResponse(429, "SubscriptionRequestsThrottled", `Number of '${decision.kind.replace(/s$/, "")}' requests for subscription exceeded. `
        + `Please try again after '${decision.retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling`,
        { headers: { ...rateHeaders, "Retry-After": String(decision.retryAfterSeconds) } });
    }
  }
  const response = await validatedAnswer(deps, request, check, bodyError, entry);
  return { ...response, headers: { ...rateHeaders, ...response.headers } };
}

async function validatedAnswer(deps: PipelineDeps, request: EmulatorRequest, check: RequestCheck, bodyError: string | undefined,
  entry: RequestLogEntry): Promise<EmulatorResponse> {
  const { service } = entry;
  if (bodyError) return validationFailure(service, [{ where: "body", message: bodyError }]);
  const known = check.source !== "none";
  const frontdoor = check.problems.filter((p) => p.frontdoor);
  if (known && frontdoor.length > 0) return validationFailure(service, frontdoor);
  const outOfScope = service === "arm" ? deps.scopeProblem(request) : undefined;
  if (outOfScope) return outOfScope;
  if (known && check.problems.length > 0) return validationFailure(service, check.problems);
  const route = deps.routes.match(request.method, request.path);
  if (!route) {
    if (known) return errorResponse(501, "NotImplemented", `The emulator does not implement ${check.operation}.`);
    return deps.routes.hasPath(request.path)
      ? errorResponse(405, "MethodNotAllowed", `The emulator has no ${request.method} operation on ${request.path}.`)
      : errorResponse(404, "NotFound", `The emulator has no operation for ${request.method} ${request.path}.`);
  }
  const response = await route.value.handler({ ...request, body: check.body }, route.params);
  const answered = check.respond(response.status, response.body);
  if (answered.errors.length > 0) {
    entry.responseErrors = answered.errors;
    deps.log("warn", "emulator response departs from the spec", { method: request.method, path: request.path, responseErrors: answered.errors });
  }
  return response.body === undefined ? response : { ...response, body: answered.body };
}
