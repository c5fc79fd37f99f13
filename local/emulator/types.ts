// Contracts shared by the emulator's server core and its service modules (ARM, Key Vault, control).
// The emulator stands for Azure: it imports nothing from src/, orchestrations/ or activities/.
import type { IncomingHttpHeaders } from "node:http";

export type HttpMethod = "GET" | "PUT" | "PATCH" | "POST" | "DELETE";

export interface EmulatorRequest {
  method: HttpMethod;
  /** Absolute URL; read the query through `url.searchParams` (Key Vault sends `api%2Dversion`). */
  url: URL;
  /** `url.pathname` with one trailing slash removed (Key Vault SDKs send `/certificates/c1/`). */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, `undefined` when the request had none. */
  body: unknown;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON when present. */
  body?: unknown;
}

export type RouteHandler = (
  req: EmulatorRequest,
  params: Record<string, string>,
) => EmulatorResponse | Promise<EmulatorResponse>;

/** `path` is a template such as `/certificates/{name}/pending/merge`; segments in braces become params. */
export interface Route {
  method: HttpMethod;
  path: string;
  handler: RouteHandler;
}

/** In-memory state, optionally persisted under the state directory so a restarted emulator keeps it. */
export interface StateStore {
  /** A named map that survives restarts when a state directory is configured. Values must be JSON-safe. */
  collection<T>(name: string): Map<string, T>;
  /** Write pending changes now (on close and the control API's requests; after a request, soon: state/fileStore.ts). */
  flush(): void;
}

export interface EmulatorContext {
  /** `https://127.0.0.1:<port>`: ARM endpoint and Key Vault URL (routes are told apart by path). */
  baseUrl: string;
  /** Milliseconds since the epoch; tests may inject a virtual clock. */
  now(): number;
  store: StateStore;
}
