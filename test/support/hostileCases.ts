// Generated hostile requests for every route of the app (issue 13): each hostile value in every name and id position,
// bodies with wrong content types, malformed, oversized and deeply nested JSON and hostile field values; wrong
// methods and query strings: hostileMethods.ts. Every case must answer 4xx with a message and change nothing. Event Grid cases: hostileEvents.ts.
import { methodCases, queryCases } from "./hostileMethods.js";
import type { RawRequest } from "./rawHttp.js";

export interface HostileCase extends RawRequest {
  /** What the case is, for failure messages and the printed counts. */
  label: string;
  /** "refused": a 4xx with a message. "ignored": an Event Grid delivery the host accepts (202) and the app ignores. */
  expect: "refused" | "refusedOrIgnored";
}

/** Values a name or id position receives, as they appear in the request path (already percent-encoded where needed). */
export const HOSTILE_SEGMENTS: Record<string, string[]> = {
  traversal: ["..", ".", "a%2F..%2Fb", "..%2F..%2Fadmin", "%2e%2e", "%2E%2E%2F%2E%2E", "a%5C..%5Cb", "..%5C", "x%2F..%2F..%2Forchestrators%2Fx"],
  encoding: ["%ZZ", "%E0%A4%A", "%C0%AF", "%25", "%252F", "%u002F", "%EF%BC%8F", "caf%C3%A9", "%F0%9F%92%A9", "%FF%FE", "a%3Fb%3Dc", "a%23b"],
  control: ["a%0D%0Ab", "a%00b", "a%09b", "a%7Fb", "a%C2%85b", "a%E2%80%A8b", "%1B%5B31m"],
  oversized: ["a".repeat(101), "b".repeat(1000), `${"c-".repeat(1500)}c`],
  injection: ["%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201%3D1--", "%24(id)", "%7B%7B7*7%7D%7D", "a%3Bls", "a%20b"],
  shape: ["-a", "a-", "a--b", "a_b", "rg.", "%20", "A%2Cb"],
};

const allSegments = () => Object.entries(HOSTILE_SEGMENTS).flatMap(([kind, values]) => values.map((value) => ({ kind, value })));

const JSON_HEADERS = { "content-type": "application/json" };

/** The routes with an instance id in their path: method, the route before the id, what follows it. */
const ID_ROUTES = [
  ["GET", "provisionings", ""],
  ["DELETE", "provisionings", "?compensate=true"],
  ["GET", "provisionings", "/undo"],
  ["GET", "rotations", ""],
] as const;

export interface HostileTarget {
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
}

/** A valid subscription GUID the app does not manage: the subscription-qualified routes answer 403 before reading anything. */
const UNMANAGED_SUBSCRIPTION = "99999999-8888-4777-8666-555555555555";
const CLUSTER_ROUTES = [["POST", "rotations"], ["GET", "certificates"], ["GET", "connection-kit"]] as const;

/** The cluster routes in both forms (short, and subscription-qualified), with one position of the path replaced. */
function clusterPaths(c: HostileTarget, route: string, at: "subscription" | "group" | "cluster", value: string): string[] {
  const [s, g, n] = [at === "subscription" ? value : c.subscriptionId, at === "group" ? value : c.resourceGroup, at === "cluster" ? value : c.clusterName];
  const qualified = `/api/subscriptions/${s}/resourceGroups/${g}/clusters/${n}/${route}`;
  return at === "subscription" ? [qualified] : [`/api/clusters/${g}/${n}/${route}`, qualified];
}

/** Every route with a name or id in its path, every hostile value in every position. */
function pathCases(cluster: HostileTarget): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const { kind, value } of [...allSegments(), { kind: "unmanaged", value: UNMANAGED_SUBSCRIPTION }]) {
    for (const [method, route] of CLUSTER_ROUTES) {
      const body = method === "POST" ? { body: "{}", headers: JSON_HEADERS } : {};
      const positions = kind === "unmanaged" ? (["subscription"] as const) : (["subscription", "group", "cluster"] as const);
      for (const at of positions) {
        for (const path of clusterPaths(cluster, route, at, value)) {
          cases.push({ label: `${method} ${path.startsWith("/api/sub") ? "qualified " : ""}${route}: ${kind} ${at} ${value.slice(0, 30)}`, method, path, ...body,
            expect: "refused" });
        }
      }
    }
    if (kind === "unmanaged") continue;
    for (const [method, route, tail] of ID_ROUTES) {
      cases.push({ label: `${method} ${route}${tail}: ${kind} id ${value.slice(0, 30)}`, method, path: `/api/${route}/${value}${tail}`, expect: "refused" });
    }
  }
  return cases;
}

const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** Bodies of the two POST routes: content types, syntax, size, nesting and hostile values of each field. */
function bodyCases(validProvisioning: Record<string, unknown>, rotations: string): HostileCase[] {
  const post = (label: string, path: string, body: string | Buffer, headers: Record<string, string> = JSON_HEADERS): HostileCase => ({ label, method: "POST",
    path, body, headers, expect: "refused" });
  const cases: HostileCase[] = [];
  for (const [path, valid] of [["/api/provisionings", JSON.stringify(validProvisioning)], [rotations, '{"scope":"ca"}']] as const) {
    const where = path.split("/").at(-1);
    for (const type of ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonx",
      "text/json; x=application/json", ""])
    {
      cases.push(post(`${where}: content-type '${type}'`, path, valid, type ? { "content-type": type } : {}));
    }
    for (const [label, body] of [
      ["malformed JSON", "{"],
      ["JSON with a trailing comma", '{"a":1,}'],
      ["a JSON string", '"x"'],
      ["a JSON number", "42"],
      ["null", "null"],
      ["an array", "[]"],
      ["an array of the valid body", `[${valid}]`],
      ["deeply nested array", deep(100_000)],
      ["deeply nested object", deepObject(5000)],
      ["1 MB body", `{"pad":"${"x".repeat(1_048_576)}"}`],
      ["10 MB body", `{"pad":"${"x".repeat(10_485_760)}"}`],
      ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
      ["a key that is markup", '{"<script>alert(1)</script>":1}'],
      ["a key with a line break", '{"a\\r\\n[Error] forged":1}'],
      ["prototype pollution", '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'],
      ["a hostile duplicate key", valid.replace(/\}$/, ',"clusterName":"a/../b"}')],
    ] as const) cases.push(post(`${where}: ${label}`, path, body));
  }
  const provisioning = (label: string, patch: Record<string, unknown>) =>
    post(`provisionings: ${label}`, "/api/provisionings", JSON.stringify({ ...validProvisioning, ...patch }));
  for (const [field, values] of Object.entries({
    clusterName: ["a/../b", "..", "a\r\nb", "x".repeat(101), "<script>", "a_b", 7, null, ["a"]],
    resourceGroup: ["a/b", "rg.", "r".repeat(91), "a\u0000b", "", {}],
    location: ["east\nus", "x".repeat(60), 1],
    adminPasswordSecretName: ["a/b", "p@ss", "s".repeat(128)],
    subscriptionId: ["../x", "not-a-guid", UNMANAGED_SUBSCRIPTION],
    clients: [["a/b"], ["A"], ["a".repeat(33)], Array.from({ length: 11 }, (_, i) => `c${i}`), ["x", "x"], "app"],
    unknownField: ["anything"],
  })) for (const value of values) cases.push(provisioning(`${field} = ${JSON.stringify(value).slice(0, 30)}`, { [field]: value }));
  for (const [label, body] of Object.entries({
    "scope other": { scope: "all" },
    "scope null": { scope: null },
    "reason with CRLF": { reason: "a\r\n[Error] forged" },
    "reason too long": { reason: "r".repeat(201) },
    "client with /": { clients: ["a/../b"] },
    "client upper-case": { clients: ["App"] },
    "11 clients": { clients: Array.from({ length: 11 }, (_, i) => `c${i}`) },
    "clients a string": { clients: "app" },
    "unknown field": { force: true },
    "client with NUL": { clients: ["a\u0000"] },
  })) cases.push(post(`rotations: ${label}`, rotations, JSON.stringify(body)));
  return cases;
}

export function hostileRouteCases(cluster: HostileTarget, validProvisioning: Record<string, unknown>): HostileCase[] {
  const rotations = `/api/clusters/${cluster.resourceGroup}/${cluster.clusterName}/rotations`;
  const qualified = `/api/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/clusters/${cluster.clusterName}/rotations`;
  return [...pathCases(cluster), ...bodyCases(validProvisioning, rotations), ...bodyCases(validProvisioning, qualified).filter((c) => c.path === qualified),
    ...methodCases(cluster), ...queryCases(cluster)];
}
