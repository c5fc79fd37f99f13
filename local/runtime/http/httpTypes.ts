// The runtime's HTTP surface is a list of handlers tried in order; each claims a request or passes.
import type { IncomingHttpHeaders } from "node:http";

export interface IncomingRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface OutgoingResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

/** Returns undefined when the request is not for this handler. */
export type RequestHandler = (req: IncomingRequest) => Promise<OutgoingResponse | undefined>;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): OutgoingResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

export function textResponse(status: number, text: string): OutgoingResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8" }, body: text };
}

/** Path below `prefix` (case-insensitive), split into decoded segments; undefined if not below it. */
export function segmentsBelow(url: URL, prefix: string): string[] | undefined {
  const path = url.pathname;
  const base = prefix === "" ? "/" : `/${prefix}`;
  const lower = path.toLowerCase();
  if (prefix !== "" && lower !== base.toLowerCase() && !lower.startsWith(`${base.toLowerCase()}/`)) return undefined;
  const rest = path.slice(base.length).replace(/^\/+/, "");
  return rest === "" ? [] : rest.split("/").map((s) => decodeURIComponent(s));
}

/** Json.NET's default MaxDepth, which the host's JSON readers use: deeper documents are refused, not walked. */
export const MAX_JSON_DEPTH = 64;

/** JSON text parsed, or why not: not JSON, or nested deeper than `maxDepth` (checked without recursion). */
export function parseJsonWithin(text: string, maxDepth = MAX_JSON_DEPTH): { value: unknown } | { problem: "invalid" | "tooDeep" } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "invalid" };
  }
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > maxDepth) return { problem: "tooDeep" };
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return { value };
}
