// Reading request bodies and writing EmulatorResponses on Node's HTTP objects.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorResponse, HttpMethod } from "../types.js";

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const METHODS: readonly string[] = ["GET", "PUT", "PATCH", "POST", "DELETE"];

export const isHttpMethod = (method: string): method is HttpMethod => METHODS.includes(method);

export class BodyError extends Error {}

/** The parsed JSON body, `undefined` when empty; BodyError when it is not JSON or too large. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(`The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(`The request content is not valid JSON: ${(error as Error).message}`);
  }
}

export function sendResponse(req: IncomingMessage, res: ServerResponse, response: EmulatorResponse): void {
  const text = response.body === undefined || response.status === 204 ? undefined : JSON.stringify(response.body);
  const headers: Record<string, string> = { "x-ms-request-id": randomUUID() };
  const clientRequestId = req.headers["x-ms-client-request-id"];
  if (typeof clientRequestId === "string") headers["x-ms-client-request-id"] = clientRequestId;
  if (text !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
  Object.assign(headers, response.headers);
  res.writeHead(response.status, headers);
  res.end(text);
}

/**
 * The request target as a URL. Appended to the base rather than resolved against it, so `//subscriptions/…` (the
 * `/{resourceId}` by-id form, resources.json Resources_GetById) keeps its first segment instead of becoming a host;
 * runs of slashes collapse to one, as ARM routes the generic form `…/providers/{ns}//{type}/{name}` (empty
 * `parentResourcePath`, resources.json Resources_Get) like the single-slash path.
 */
export function requestUrl(target: string | undefined): URL {
  const url = new URL(`https://127.0.0.1${target?.startsWith("/") ? target : `/${target ?? ""}`}`);
  url.pathname = url.pathname.replace(/\/{2,}/g, "/");
  return url;
}

export const stripTrailingSlash = (pathname: string): string =>
  pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;

/** The request's User-Agent as a log field (absent when the client sent none). */
export const userAgentOf = (req: IncomingMessage): { userAgent?: string } =>
  (req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {});
