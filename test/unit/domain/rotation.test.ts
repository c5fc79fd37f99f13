import { describe, expect, it } from "vitest";
import { currentVersion, decideRotation, renewAt, type RotationPolicy, type VersionInfo } from "../../../src/domain/rotation.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (days: number) => new Date(T0 + days * DAY);
const v = (version: string, fromDay: number, toDay: number, stage: VersionInfo["stage"] = "current"): VersionInfo => ({
  version, stage, thumbprint: version.toUpperCase(), notBefore: at(fromDay).toISOString(), notAfter: at(toDay).toISOString(),
});
// CA: 5 years, rotated in its last 20 %; clients: 1 year, renewed in their last third.
const policy: RotationPolicy = { caRenewFraction: 0.2, clientRenewFraction: 1 / 3, clientValidityMs: 365 * DAY };
const ca = [v("ca1", 0, 1825)];

describe("decideRotation", () => {
  it.each([
    // [case, ca versions, client versions, day, expected action, expected clients]
    ["first issuance: no CA at all", [], { app: [] }, 0, "rotateCa", ["app"]],
    ["CA exists but none is current", [v("ca1", 0, 1825, "pending")], { app: [] }, 0, "rotateCa", ["app"]],
    ["fresh client, fresh CA", ca, { app: [v("c1", 0, 365)] }, 10, "none", []],
    ["client one day before its renewal point", ca, { app: [v("c1", 0, 365)] }, 242, "none", []],
    ["client at its renewal point", ca, { app: [v("c1", 0, 365)] }, 244, "renewClient", ["app"]],
    ["client expired", ca, { app: [v("c1", 0, 365)] }, 400, "renewClient", ["app"]],
    ["a new client name without versions", ca, { app: [v("c1", 0, 365)], reports: [] }, 10, "renewClient", ["reports"]],
    ["only a failed version of the client", ca, { app: [v("c1", 0, 365, "failed")] }, 10, "renewClient", ["app"]],
    ["CA at its renewal point", ca, { app: [v("c1", 1400, 1765)] }, 1460, "rotateCa", ["app"]],
    ["CA would expire before a new client cert", [v("ca1", 0, 600)], { app: [v("c1", 200, 565)] }, 300, "rotateCa", ["app"]],
  ] as const)("%s → %s", (_, caVersions, clients, day, action, due) => {
    const decision = decideRotation({ ca: [...caVersions], clients: clients as unknown as Record<string, VersionInfo[]>, now: at(day), policy });
    expect(decision.action).toBe(action);
    expect(decision.action === "none" ? [] : decision.clients).toEqual(due);
  });

  it("a requested CA rotation happens even when nothing is due, and re-issues every client", () => {
    const d = decideRotation({ ca, clients: { app: [v("c1", 0, 365)], b: [v("b1", 0, 365)] }, now: at(1), policy, requested: "ca" });
    expect(d).toEqual({ action: "rotateCa", clients: ["app", "b"], reasons: ["CA rotation requested"] });
  });

  it("a requested client renewal renews every client", () => {
    const d = decideRotation({ ca, clients: { app: [v("c1", 0, 365)], b: [v("b1", 0, 365)] }, now: at(1), policy, requested: "client" });
    expect(d).toMatchObject({ action: "renewClient", clients: ["app", "b"] });
  });

  it("a requested client renewal naming clients renews only those; others still follow the policy", () => {
    const clients = { app: [v("c1", 0, 365)], b: [v("b1", 0, 365)], old: [v("o1", 0, 100)] };
    const d = decideRotation({ ca, clients, now: at(200), policy, requested: "client", requestedClients: ["b"] });
    expect(d).toMatchObject({ action: "renewClient", clients: ["b", "old"] });
  });

  it("says when the next check is due when nothing is", () => {
    const d = decideRotation({ ca, clients: { app: [v("c1", 0, 365)] }, now: at(1), policy });
    expect(d).toEqual({ action: "none", nextCheckAt: new Date(renewAt(v("c1", 0, 365), 1 / 3)).toISOString() });
  });

  it("explains every reason", () => {
    const d = decideRotation({ ca: [v("ca1", 0, 300)], clients: { app: [] }, now: at(250), policy });
    expect(d.action === "rotateCa" && d.reasons).toEqual([
      "CA ca1 is due for renewal",
      "CA ca1 expires before a new client certificate would",
    ]);
  });
});

describe("currentVersion", () => {
  it("prefers the newest when an interrupted promotion left two current versions", () => {
    expect(currentVersion([v("old", 0, 365), v("new", 200, 565), v("p", 300, 665, "pending")])?.version).toBe("new");
    expect(currentVersion([v("p", 0, 1, "pending")])).toBeUndefined();
  });
});
