// Values crossing the "wire" between host and worker are RPC typed data (durable-runtime.md §2.3, §3.5).
// Everything is JSON-serialized on the way, as in production: Dates become strings, undefined becomes null.
import type { RpcTypedData } from "./coreTypes.js";

export const jsonData = (value: unknown): RpcTypedData => ({ json: JSON.stringify(value ?? null) });

/**
 * Activity input as the host passes it (§2.4): the SDK already JSON-encoded string inputs once more,
 * so strings travel as `{string}` (the library JSON-parses them back) and other values as `{json}`.
 */
export function activityInputData(input: unknown): RpcTypedData | undefined {
  if (input === undefined) return undefined;
  return typeof input === "string" ? { string: input } : jsonData(input);
}

/** Function return value → JSON text, as stored in TaskCompleted.Result (§3.5): void → "null". */
export function returnValueAsJsonText(value: RpcTypedData | null | undefined): string {
  if (!value) return "null";
  if (value.json !== undefined) return value.json;
  if (value.string !== undefined) return JSON.stringify(value.string);
  if (value.int !== undefined) return String(value.int);
  if (value.double !== undefined) return String(value.double);
  if (value.bytes !== undefined) return JSON.stringify(Buffer.from(value.bytes).toString("base64"));
  return "null";
}

/** Function return value → JS value (JSON round trip). */
export function returnValueAsJson(value: RpcTypedData | null | undefined): unknown {
  return JSON.parse(returnValueAsJsonText(value));
}

/** Parses JSON text, keeping non-JSON text as the string itself (the library's `tryJsonParse`). */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
