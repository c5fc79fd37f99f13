// Every ARM and Key Vault call the two sagas make (the matrix checks a fault-free run sends no other), as a path
// pattern per cluster, and the faults the matrix injects into each: 429 without Retry-After, 500, a dropped
// connection (what a timeout looks like to the client: the SDK sees a reset socket), 409, and a long-running
// operation that ends Failed (only calls that start one).
import type { FaultRuleInput } from "../../../local/emulator/core/faults.js";
import { caNameOf, clientNameOf, DEMO_RESOURCE_GROUP } from "../../support/testIds.js";

export type FaultKind = "429" | "500" | "timeout" | "409" | "lroFailed";
export const FAULT_KINDS: readonly FaultKind[] = ["429", "500", "timeout", "409", "lroFailed"];

export interface Operation {
  /** Row label, e.g. "PUT cluster". */
  name: string;
  method: "GET" | "PUT" | "PATCH" | "POST" | "DELETE";
  /** The path (a regular expression) for the cluster named `c`. */
  path: (c: string) => string;
  /** Starts a long-running operation (the LRO Failed column applies). */
  lro?: boolean;
  /** Runs only while the saga compensates: the scenario makes its first certificates fail permanently first. */
  compensation?: boolean;
}

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const arm = (rest: string) => `^/subscriptions/[^/]+/resourceGroups/${esc(DEMO_RESOURCE_GROUP)}/providers/${rest}$`;
const cluster = (c: string) => `Microsoft\\.DocumentDB/cassandraClusters/${esc(c)}`;
const vnet = "Microsoft\\.Network/virtualNetworks/cass-demo-vnet";

export const PROVISIONING_OPERATIONS: readonly Operation[] = [
  { name: "GET endpoint subnet", method: "GET", path: () => arm(`${vnet}/subnets/endpoints`) },
  { name: "GET datacenter subnet", method: "GET", path: () => arm(`${vnet}/subnets/cassandra`) },
  { name: "GET IP availability", method: "GET", path: () => arm(`${vnet}/CheckIPAddressAvailability`) },
  { name: "GET admin secret", method: "GET", path: () => "^/secrets/cass-demo-admin-password/?$" },
  { name: "GET cluster", method: "GET", path: (c) => arm(cluster(c)) },
  { name: "PUT cluster", method: "PUT", path: (c) => arm(cluster(c)), lro: true },
  { name: "GET cluster operation", method: "GET", path: () => "^/subscriptions/[^/]+/providers/Microsoft\\.DocumentDB/locations/[^/]+/operationsStatus/" },
  { name: "GET private endpoint", method: "GET", path: (c) => arm(`Microsoft\\.Network/privateEndpoints/${esc(c)}-pe`) },
  { name: "PUT private endpoint", method: "PUT", path: (c) => arm(`Microsoft\\.Network/privateEndpoints/${esc(c)}-pe`), lro: true },
  { name: "GET endpoint operation", method: "GET", path: () => "^/subscriptions/[^/]+/providers/Microsoft\\.Network/locations/[^/]+/operations/" },
  { name: "GET endpoint NIC", method: "GET", path: (c) => arm(`Microsoft\\.Network/networkInterfaces/${esc(c)}-pe-nic`) },
  { name: "GET datacenter", method: "GET", path: (c) => arm(`${cluster(c)}/dataCenters/dc1`) },
  { name: "PUT datacenter", method: "PUT", path: (c) => arm(`${cluster(c)}/dataCenters/dc1`), lro: true },
  { name: "GET cluster status", method: "GET", path: (c) => arm(`${cluster(c)}/status`) },
  { name: "DELETE datacenter", method: "DELETE", path: (c) => arm(`${cluster(c)}/dataCenters/dc1`), lro: true, compensation: true },
  { name: "DELETE private endpoint", method: "DELETE", path: (c) => arm(`Microsoft\\.Network/privateEndpoints/${esc(c)}-pe`), lro: true, compensation: true },
  { name: "DELETE cluster", method: "DELETE", path: (c) => arm(cluster(c)), lro: true, compensation: true },
];

const kv = (rest: string) => `^/${rest}/?$`;
const ca = (c: string) => `certificates/${esc(caNameOf(c))}`;
const app = (c: string) => `certificates/${esc(clientNameOf(c))}`;

export const ROTATION_OPERATIONS: readonly Operation[] = [
  { name: "GET certificate list", method: "GET", path: () => kv("certificates") },
  { name: "GET CA versions", method: "GET", path: (c) => kv(`${ca(c)}/versions`) },
  { name: "GET client versions", method: "GET", path: (c) => kv(`${app(c)}/versions`) },
  { name: "GET CA latest", method: "GET", path: (c) => kv(ca(c)) },
  { name: "POST CA create", method: "POST", path: (c) => kv(`${ca(c)}/create`) },
  { name: "GET CA pending", method: "GET", path: (c) => kv(`${ca(c)}/pending`) },
  { name: "GET CA version", method: "GET", path: (c) => kv(`${ca(c)}/[0-9a-f]{32}`) },
  { name: "GET CA key", method: "GET", path: (c) => kv(`keys/${esc(caNameOf(c))}/[0-9a-f]{32}`) },
  { name: "POST CA key sign", method: "POST", path: (c) => kv(`keys/${esc(caNameOf(c))}/[0-9a-f]{32}/sign`) },
  { name: "POST CA merge", method: "POST", path: (c) => kv(`${ca(c)}/pending/merge`) },
  { name: "PATCH CA tags", method: "PATCH", path: (c) => kv(`${ca(c)}/[0-9a-f]{32}`) },
  { name: "GET client latest", method: "GET", path: (c) => kv(app(c)) },
  { name: "POST client create", method: "POST", path: (c) => kv(`${app(c)}/create`) },
  { name: "GET client pending", method: "GET", path: (c) => kv(`${app(c)}/pending`) },
  { name: "POST client merge", method: "POST", path: (c) => kv(`${app(c)}/pending/merge`) },
  { name: "GET client version", method: "GET", path: (c) => kv(`${app(c)}/[0-9a-f]{32}`) },
  { name: "PATCH client tags", method: "PATCH", path: (c) => kv(`${app(c)}/[0-9a-f]{32}`) },
  { name: "GET client key (secret)", method: "GET", path: (c) => kv(`secrets/${esc(clientNameOf(c))}/[0-9a-f]{32}`) },
  { name: "GET cluster", method: "GET", path: (c) => arm(cluster(c)) },
  { name: "PATCH cluster (trust)", method: "PATCH", path: (c) => arm(cluster(c)), lro: true },
  { name: "GET cluster operation", method: "GET", path: () => "^/subscriptions/[^/]+/providers/Microsoft\\.DocumentDB/locations/[^/]+/operationsStatus/" },
  { name: "GET cluster status", method: "GET", path: (c) => arm(`${cluster(c)}/status`) },
];

const error = (code: string) => ({ error: { code, message: "injected by the fault matrix" } });

/** The rule for one cell: every matching request fails this way (no `times`: the fault persists). */
export function faultRule(kind: FaultKind, op: Operation, clusterName: string): FaultRuleInput {
  const match = { method: op.method, pathPattern: op.path(clusterName) };
  switch (kind) {
    case "429":
      return { match, response: { status: 429, body: error("TooManyRequests") } };
    case "500":
      return { match, response: { status: 500, body: error("InternalServerError") } };
    case "timeout":
      return { match, response: { drop: true } };
    case "409":
      return { match, response: { status: 409, body: error("Conflict") } };
    case "lroFailed":
      return { match, response: { lroStatus: "Failed" } };
  }
}

/** Whether a fault-free run's request (method, path) is one of `operations` (so the matrix covers every call). */
export function coveredBy(operations: readonly Operation[], clusterName: string, method: string, path: string): boolean {
  return operations.some((op) => op.method === method && new RegExp(op.path(clusterName)).test(path));
}
