// Generated hostile requests, continued (hostileCases.ts): methods the routes do not serve and paths next to them, and
// hostile values in the query strings the routes read. Every case must answer 4xx with a message and change nothing.
import type { HostileCase } from "./hostileCases.js";

/** Methods the routes do not serve, and paths next to them. */
export function methodCases(cluster: { subscriptionId: string; resourceGroup: string; clusterName: string }): HostileCase[] {
  const base = `/api/clusters/${cluster.resourceGroup}/${cluster.clusterName}`;
  const qualified = `/api/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/clusters/${cluster.clusterName}`;
  // "METHOD path" pairs, written as one string each so the list stays a list.
  const pairs = [
    "PUT /api/provisionings",
    "PATCH /api/provisionings",
    "DELETE /api/provisionings",
    "GET /api/provisionings",
    "POST /api/provisionings/x",
    "PUT /api/provisionings/x",
    "POST /api/provisionings/x/undo",
    "DELETE /api/provisionings/x/undo",
    "POST /api/rotations/x",
    "DELETE /api/rotations/x",
    `GET ${base}/rotations`,
    `PUT ${base}/rotations`,
    `DELETE ${base}/rotations`,
    `POST ${base}/certificates`,
    `DELETE ${base}/certificates`,
    `POST ${base}/connection-kit`,
    `PUT ${base}/connection-kit`,
    `GET ${base}`,
    `GET ${base}/rotations/extra`,
    `GET ${qualified}/rotations`,
    `DELETE ${qualified}/certificates`,
    `PUT ${qualified}/connection-kit`,
    `GET ${qualified}`,
    `GET /api/subscriptions/${cluster.subscriptionId}/clusters`,
    "OPTIONS /api/provisionings",
    "TRACE /api/provisionings",
    "GET /api/clusters",
    "POST /api/ui",
    "DELETE /api/ui",
    "GET /api/ui/x",
    "POST /api/openapi.json",
    "PUT /api/openapi.json",
  ].map((pair) => pair.split(" ") as [string, string]);
  return pairs.map(([method, path]) => ({ label: `${method} ${path.replace(qualified, "<qualified cluster>").replace(base, "<cluster>")}`, method, path, expect: "refused" }));
}

/** Query strings the routes read: `compensate` and the kit's `client` and `dir`. */
export function queryCases(cluster: { subscriptionId: string; resourceGroup: string; clusterName: string }): HostileCase[] {
  const kit = `/api/clusters/${cluster.resourceGroup}/${cluster.clusterName}/connection-kit`;
  const qualifiedKit = `/api/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/clusters/${cluster.clusterName}/connection-kit`;
  const values = ["..%2F..%2Fetc", "a%0D%0Ab", "%3Cscript%3E", "A", "a".repeat(40), "%ZZ"];
  return [
    ...[kit, qualifiedKit].flatMap((path) => values.map((v) => ({ label: `kit client=${v.slice(0, 20)}${path === kit ? "" : " (qualified)"}`, method: "GET",
      path: `${path}?client=${v}`, expect: "refused" as const }))),
    ...["relative%2Fdir", "%2Ftmp%0A", "%2Ftmp%2F%24(id)", `%2F${"d".repeat(401)}`].map((v) => ({ label: `kit dir=${v.slice(0, 20)}`, method: "GET",
      path: `${kit}?dir=${v}`, expect: "refused" as const })
    ),
    ...["yes", "TRUE", "1", "%0D%0A"].map((v) => ({ label: `compensate=${v}`, method: "DELETE", path: `/api/provisionings/provision:x?compensate=${v}`,
      expect: "refused" as const })
    ),
  ];
}
