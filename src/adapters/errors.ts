// Azure failures mapped to the four kinds callers act on (azure-rest.md §3.2, §7):
// transient → retry (durable retry policy), conflict → wait and re-read, notFound → adopt/skip,
// permanent → stop (compensate). The Azure error code is kept; the message never carries request
// headers or bodies (RestError holds both, with the bearer token and any secret we sent).

export type AzureErrorKind = "transient" | "conflict" | "notFound" | "permanent";

export class AzureOperationError extends Error {
  override readonly name = "AzureOperationError";
  constructor(
    readonly kind: AzureErrorKind,
    readonly operation: string,
    readonly code: string | undefined,
    readonly statusCode: number | undefined,
    detail: string,
  ) {
    // The kind leads the message: only the message survives the activity boundary (durable-runtime.md §7 #11).
    super(`${kind}: ${operation} failed${statusCode ? ` (${statusCode}${code ? ` ${code}` : ""})` : code ? ` (${code})` : ""}: ${detail}`);
  }
}

const SOCKET_ERRORS = new Set(["ETIMEDOUT", "ESOCKETTIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "REQUEST_SEND_ERROR"]);
const LRO_FAILED = /^The long-running operation has failed(?:\. ([^.]+)\.)?/;
const LRO_CANCELED = "Operation was canceled";

function kindOfStatus(status: number): AzureErrorKind {
  if (status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505)) return "transient";
  if (status === 409) return "conflict";
  if (status === 404) return "notFound";
  return "permanent";
}

/** The poller's report of an operation that ended Failed or Canceled (core-lro 3.x messages), not a request's failure. */
export function isOperationOutcome(error: unknown): boolean {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && (LRO_FAILED.test(message) || message === LRO_CANCELED);
}

/** Maps anything an Azure SDK call throws to an AzureOperationError (idempotent for mapped errors). */
export function toAzureError(error: unknown, operation: string): AzureOperationError {
  if (error instanceof AzureOperationError) return error;
  const e = (error ?? {}) as { name?: string; message?: string; statusCode?: number; code?: string };
  const message = typeof e.message === "string" && e.message ? e.message.split("\n")[0]! : String(error);
  if (typeof e.statusCode === "number") {
    return new AzureOperationError(kindOfStatus(e.statusCode), operation, e.code, e.statusCode, message);
  }
  if (e.name === "AbortError" || e.name === "TimeoutError" || (e.code && SOCKET_ERRORS.has(e.code))) {
    return new AzureOperationError("transient", operation, e.code ?? e.name, undefined, message);
  }
  const lro = LRO_FAILED.exec(message);
  if (lro) return new AzureOperationError("permanent", operation, lro[1] ?? "OperationFailed", undefined, message);
  if (message === LRO_CANCELED) return new AzureOperationError("permanent", operation, "Canceled", undefined, message);
  return new AzureOperationError("permanent", operation, e.code, undefined, message);
}

/** Runs an SDK call and rethrows its failure as an AzureOperationError. */
export async function azureCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toAzureError(error, operation);
  }
}

/** Like azureCall, but a 404 means "absent": read ports answer undefined instead of throwing. */
export async function azureGet<T>(operation: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const mapped = toAzureError(error, operation);
    if (mapped.kind === "notFound") return undefined;
    throw mapped;
  }
}

