// Generated hostile Event Grid deliveries to the app's two Event Grid functions through the host's webhook: hostile
// names, versions, subjects and types, malformed, oversized and deeply nested payloads, wrong headers and look-alike
// or replayed events. The host answers 202 (the app ignores the event) or 4xx; never 5xx (Event Grid would redeliver
// the batch), and nothing starts.
import type { HostileCase } from "./hostileCases.js";
import { caNameOf } from "./testIds.js";

const webhook = (fn: string) => `/runtime/webhooks/eventgrid?functionName=${fn}`;
const NOTIFY = { "content-type": "application/json", "aeg-event-type": "Notification" };

const FORGED = "x\r\n[Error] forged\u2028";
const HOSTILE_NAMES = ["a/../b", "..", FORGED, "n".repeat(128), "a%2Fb", "<script>", "", "a\u0000b", "caf\u00e9"];
const HOSTILE_VERSIONS = [FORGED, "../x", "v".repeat(65), "", "0123456789abcdef0123456789abcdef/../x"];
const HOSTILE_TYPES = ["Microsoft.KeyVault.CertificateNearExpiry\r\nx", "microsoft.keyvault.certificatenearexpiry ", "",
  "Microsoft.KeyVault.CertificateNearExpiry\u0000"];

export interface EventTarget {
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
  /** The cluster CA's versions in Key Vault now: a replay names one of them again. */
  caVersions: string[];
}

function keyVaultEvent(eventType: string, data: Record<string, unknown>) {
  return { id: "1", topic: "/subscriptions/x/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/v", subject: "s", eventType,
    eventTime: "2026-01-01T00:00:00Z", data, dataVersion: "1" };
}

function resourceEvent(eventType: string, subject: unknown) {
  return { id: "1", topic: "/subscriptions/x", subject, eventType, eventTime: "2026-01-01T00:00:00Z", data: {}, dataVersion: "1" };
}

export function hostileEventCases(target: EventTarget): HostileCase[] {
  const kv = (label: string, body: unknown, headers: Record<string, string> = NOTIFY): HostileCase => ({
    label: `onKeyVaultEvent: ${label}`,
    method: "POST",
    path: webhook("onKeyVaultEvent"),
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
    expect: "refusedOrIgnored",
  });
  const res = (label: string, body: unknown): HostileCase => ({
    label: `onResourceEvent: ${label}`,
    method: "POST",
    path: webhook("onResourceEvent"),
    headers: NOTIFY,
    body: JSON.stringify(body),
    expect: "refusedOrIgnored",
  });
  const expiry = "Microsoft.KeyVault.CertificateNearExpiry";
  const ca = caNameOf(target.clusterName, target.resourceGroup, target.subscriptionId);
  const endpoints = `/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroup}/providers/Microsoft.Network/privateEndpoints`;
  return [
    ...HOSTILE_NAMES.map((name) =>
      kv(`ObjectName ${JSON.stringify(name).slice(0, 20)}`, [keyVaultEvent(expiry, { ObjectName: name, Version: "a".repeat(32) })])
    ),
    ...HOSTILE_VERSIONS.map((version) => kv(`Version ${JSON.stringify(version).slice(0, 20)}`, [keyVaultEvent(expiry, { ObjectName: ca, Version: version })])),
    ...HOSTILE_TYPES.map((type) => kv(`eventType ${JSON.stringify(type).slice(0, 30)}`, [keyVaultEvent(type, { ObjectName: ca })])),
    ...target.caVersions.map((version) => kv(`replay of CA version ${version.slice(0, 8)}`, [keyVaultEvent(expiry, { ObjectName: ca, Version: version })])),
    kv("look-alike without a version", [keyVaultEvent(expiry, { ObjectName: ca })]),
    kv("look-alike without a version, as a CloudEvent", { specversion: "1.0", id: "1", source: "x", type: expiry, subject: ca, data: { ObjectName: ca } }),
    kv("data a string", [keyVaultEvent(expiry, "x" as never)]),
    kv("data null", [{ ...keyVaultEvent(expiry, {}), data: null }]),
    kv("event a number", [42]),
    kv("event null", [null]),
    kv("event a string", ["x"]),
    kv("empty array", []),
    kv("empty object", {}),
    kv("1000 garbage events", Array.from({ length: 1000 }, (_, i) => ({ n: i }))),
    kv("data nested 65 levels", `[{"eventType":"${expiry}","data":${'{"a":'.repeat(65)}1${"}".repeat(65)}}]`),
    kv("array nested 100000 levels", `${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    kv("malformed JSON", "[{"),
    kv("empty body", ""),
    kv("JSON number", "42"),
    kv("1 MB ObjectName", [keyVaultEvent(expiry, { ObjectName: "n".repeat(1_048_576) })]),
    kv("no aeg-event-type", [keyVaultEvent(expiry, { ObjectName: ca })], { "content-type": "application/json" }),
    kv("aeg-event-type Bogus", [keyVaultEvent(expiry, { ObjectName: ca })], { "content-type": "application/json", "aeg-event-type": "Bogus" }),
    { label: "unknown function", method: "POST", path: webhook("nope"), headers: NOTIFY, body: "[]", expect: "refused" },
    { label: "traversal in functionName", method: "POST", path: webhook("..%2F..%2Fapi%2Fprovisionings"), headers: NOTIFY, body: "[]", expect: "refused" },
    { label: "functionName of an HTTP function", method: "POST", path: webhook("startProvisioning"), headers: NOTIFY, body: "[]", expect: "refused" },
    ...HOSTILE_NAMES.map((name) =>
      res(`endpoint name ${JSON.stringify(name).slice(0, 20)}`, [resourceEvent("Microsoft.Resources.ResourceWriteSuccess", `${endpoints}/${name}`)])
    ),
    ...[`${endpoints}/../../x`, `${endpoints}/a/b`, `/subscriptions/../resourceGroups/x/providers/Microsoft.Network/privateEndpoints/e`, 42, null, "",
      `${endpoints}/${target.clusterName}-pe${FORGED}`]
      .map((subject) => res(`subject ${JSON.stringify(subject).slice(0, 30)}`, [resourceEvent("Microsoft.Resources.ResourceWriteSuccess", subject)])),
    res("eventType with CRLF", [resourceEvent(`Microsoft.Resources.ResourceWriteSuccess${FORGED}`, `${endpoints}/${target.clusterName}-pe`)]),
    res("unknown eventType", [resourceEvent("Microsoft.Resources.ResourceDeleteSuccess", `${endpoints}/${target.clusterName}-pe`)]),
  ];
}
