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
