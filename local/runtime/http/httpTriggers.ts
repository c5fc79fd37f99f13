// Serves the app's HTTP triggers at /<routePrefix>/<route> (durable-runtime.md §2.4): route template and
// `methods` matching, RPC http data in, the library's RPC http response out. authLevel is not enforced.
import type { RpcHttpCookie, RpcHttpData, RpcTypedData } from "../core/coreTypes.js";
import { describeError, invoke } from "../core/invoker.js";
import type { AppFunction, FunctionRegistry } from "../core/registry.js";
import { triggerInputs, type ClientDataProvider } from "../core/triggerInputs.js";
import { segmentsBelow, textResponse, type IncomingRequest, type OutgoingResponse, type RequestHandler } from "./httpTypes.js";
import { compileRoute, comparePrecedence, matchRoute, type CompiledRoute } from "./routeTemplate.js";

interface HttpRoute {
  fn: AppFunction;
  route: CompiledRoute;
  methods: string[] | undefined;
}

function httpRoutes(registry: FunctionRegistry): HttpRoute[] {
  return registry
    .ofKind("http")
    .map((fn) => ({
      fn,
      route: compileRoute(typeof fn.trigger.route === "string" ? fn.trigger.route : fn.name),
      methods: Array.isArray(fn.trigger.methods) ? (fn.trigger.methods as string[]).map((m) => m.toUpperCase()) : undefined,
    }))
    .sort((a, b) => comparePrecedence(a.route, b.route));
}

function rpcRequest(req: IncomingRequest, params: Record<string, string>): RpcTypedData {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const http: RpcHttpData = { method: req.method, url: req.url.href, headers, params };
  if (req.method !== "GET" && req.method !== "HEAD") http.body = { bytes: req.body };
  return { http };
}

function setCookie(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.path?.value) parts.push(`Path=${cookie.path.value}`);
  if (cookie.domain?.value) parts.push(`Domain=${cookie.domain.value}`);
  if (cookie.maxAge?.value !== undefined) parts.push(`Max-Age=${cookie.maxAge.value}`);
  if (cookie.secure?.value) parts.push("Secure");
  if (cookie.httpOnly?.value) parts.push("HttpOnly");
  return parts.join("; ");
}

/** The library's RPC http response (toRpcHttp) → an HTTP response; no response object → 204 [unverified]. */
export function fromRpcHttp(value: RpcTypedData | null | undefined): OutgoingResponse {
  const http = value?.http;
  if (!http) return { status: 204 };
  const headers: Record<string, string | string[]> = { ...(http.headers ?? {}) };
  if (http.cookies?.length) headers["set-cookie"] = http.cookies.map(setCookie);
  const bytes = http.body?.bytes ?? (http.body?.string !== undefined ? Buffer.from(http.body.string) : undefined);
  return { status: Number(http.statusCode ?? 200), headers, body: bytes ? Buffer.from(bytes) : undefined };
}

export function httpTriggerHandler(
  registry: FunctionRegistry,
  routePrefix: string,
  clientData: ClientDataProvider,
  report: (message: string) => void,
): RequestHandler {
  const routes = httpRoutes(registry);
  return async (req) => {
    const path = segmentsBelow(req.url, routePrefix);
    if (!path) return undefined;
    for (const { fn, route, methods } of routes) {
      if (methods && !methods.includes(req.method)) continue;
      const params = matchRoute(route, path);
      if (!params) continue;
      const outcome = await invoke(registry, fn, triggerInputs(fn, rpcRequest(req, params), clientData));
      if (!outcome.ok) {
        report(`HTTP function '${fn.name}' failed: ${describeError(outcome.error)}`);
        // The host answers an empty 500 here; locally a short text says where to look (never the error itself).
        return textResponse(500, `The function '${fn.name}' failed; the host log has the reason.`);
      }
      const { returnValue, outputData } = outcome.response;
      return fromRpcHttp(returnValue?.http ? returnValue : outputData?.find((o) => o.data?.http)?.data);
    }
    return undefined;
  };
}
