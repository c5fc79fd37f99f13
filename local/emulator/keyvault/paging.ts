// List pages: `maxresults` (1-25 per the spec) and a `nextLink` only when another page exists, as an absolute URL
// on the vault that keeps the api-version (the SDK GETs it as is, §5.8). Like the service's, the `$skiptoken` is
// opaque: it carries the position and the page size, so the next page keeps the size the first request asked for.
import type { EmulatorRequest } from "../types.js";
import { badParameter } from "./errors.js";
import { apiVersionOf, type Vault } from "./vault.js";

const MAX_PAGE_SIZE = 25;

interface PagePosition {
  offset: number;
  pageSize: number;
}

function positionOf(query: URLSearchParams): PagePosition {
  const token = query.get("$skiptoken");
  if (token !== null) {
    try {
      const position = JSON.parse(Buffer.from(token, "base64url").toString()) as PagePosition;
      if (Number.isInteger(position.offset) && Number.isInteger(position.pageSize)) return position;
    } catch {
      // reported below
    }
    throw badParameter("The $skiptoken is not valid.");
  }
  const pageSize = Number(query.get("maxresults") ?? MAX_PAGE_SIZE);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw badParameter(`Property maxresults has invalid value ${query.get("maxresults")}: it must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return { offset: 0, pageSize };
}

export function pageOf<T>(vault: Vault, req: EmulatorRequest, items: T[]): { value: T[]; nextLink?: string } {
  const { offset, pageSize } = positionOf(req.url.searchParams);
  const end = offset + pageSize;
  const value = items.slice(offset, end);
  if (end >= items.length) return { value };
  const next = new URL(`${vault.baseUrl}${req.path}`);
  next.searchParams.set("api-version", apiVersionOf(req));
  next.searchParams.set("$skiptoken", Buffer.from(JSON.stringify({ offset: end, pageSize })).toString("base64url"));
  return { value, nextLink: next.toString() };
}
