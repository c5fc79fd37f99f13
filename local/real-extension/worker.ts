// The Node worker side of the real-extension tier: the .NET host's stubs POST each orchestrator and
// activity invocation here, and the app's registered handler runs through the same worker-style invoker
// the local runtime uses (local/runtime/core/invoker.ts), so the real @azure/functions conversions and the
// real durable-functions replay engine see exactly what the Functions host would hand them.
// Wire: POST /worker/invoke/<orchestration|activity>/<name>, body = the trigger value the extension bound to
// a .NET `string` (orchestrator: the JSON context; activity: JSON text or raw text for primitives, real-
// extension.md §1 and "Activity input"). The host sends a .NET string as TypedData.String (host
// GrpcMessageConversionExtensions.cs), so the body becomes `{ string }` here.
// Answer: 200 + the return value as JSON text, or 422 + { message, stack } as the Node worker reports a
// failure (azure-functions-nodejs-worker toRpcStatus: error.message, error.stack).
import { describeError, invoke } from "../runtime/core/invoker.js";
import type { FunctionRegistry } from "../runtime/core/registry.js";
import { returnValueAsJsonText } from "../runtime/core/rpcData.js";
import { triggerInputs, type ClientDataProvider } from "../runtime/core/triggerInputs.js";
import { jsonResponse, segmentsBelow, textResponse, type RequestHandler } from "../runtime/http/httpTypes.js";

export const WORKER_PATH = "worker/invoke";

/** The app's durable functions, as the .NET host's REALEXT_FUNCTIONS file lists them. */
export function durableFunctions(registry: FunctionRegistry): Array<{ name: string; kind: "orchestration" | "activity" }> {
  const entities = registry.ofKind("entity");
  if (entities.length) throw new Error(`Entities are not bridged: ${entities.map((f) => f.name).join(", ")}.`);
  return [
    ...registry.ofKind("orchestration").map((f) => ({ name: f.name, kind: "orchestration" as const })),
    ...registry.ofKind("activity").map((f) => ({ name: f.name, kind: "activity" as const })),
  ];
}

function failureOf(error: unknown): { message: string; stack: string } {
  const e = error as { message?: unknown; stack?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : describeError(error, false);
  return { message, stack: typeof e?.stack === "string" ? e.stack : "" };
}

export interface WorkerObserver {
  /** Every invocation the extension sent: for tests that look at the wire (e.g. the schema fields). */
  onInvocation?(kind: string, name: string, payload: string): void;
}

/**
 * An activity with a `durableClient` input (the app starts the rotation singleton from one) gets the extension's
 * own client payload, as the Functions host binds it for any function (DurableClientAttribute is not trigger-bound).
 */
export function workerHandler(registry: FunctionRegistry, clientData: ClientDataProvider, observer: WorkerObserver = {}): RequestHandler {
  return async (req) => {
    const segments = segmentsBelow(req.url, WORKER_PATH);
    if (!segments) return undefined;
    const [kind, name] = segments;
    if (req.method !== "POST" || (kind !== "orchestration" && kind !== "activity") || !name) return textResponse(404, "Not Found");
    const fn = registry.find(name, kind);
    if (!fn) return textResponse(404, `No ${kind} named '${name}'.`);
    const payload = req.body.toString("utf8");
    observer.onInvocation?.(kind, fn.name, payload);
    const outcome = await invoke(registry, fn, triggerInputs(fn, { string: payload }, clientData));
    if (!outcome.ok) return jsonResponse(422, failureOf(outcome.error));
    return { status: 200, headers: { "content-type": "application/json" }, body: returnValueAsJsonText(outcome.response.returnValue) };
  };
}
