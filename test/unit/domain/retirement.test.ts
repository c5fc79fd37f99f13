// The retire phase and the backoff in the renewal policy: which earlier CAs leave the trust list and when, and when a
// scheduled check leaves a failing cluster alone. Times and generations are written out here, not computed by the code.
import { describe, expect, it } from "vitest";
import { backoffDelayMs, failureTags } from "../../../src/domain/backoff.js";
import { decideRotation, type RotationPolicy, type VersionInfo } from "../../../src/domain/rotation.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (days: number) => new Date(T0 + days * DAY);
const iso = (days: number) => at(days).toISOString();
const v = (version: string, fromDay: number, toDay: number, stage: VersionInfo["stage"], extra: Partial<VersionInfo> = {}): VersionInfo => ({
  version, stage, thumbprint: version.toUpperCase(), notBefore: iso(fromDay), notAfter: iso(toDay), ...extra,
});
const policy: RotationPolicy = { caRenewFraction: 0.2, clientRenewFraction: 1 / 3, clientValidityMs: 365 * DAY };
// ca1 was rotated to ca2 on day 100; its grace ends on day 101.
const ca1 = v("ca1", 0, 1825, "previous", { caKey: "k1", retireAt: iso(101) });
const ca2 = v("ca2", 100, 1925, "current", { caKey: "k2" });
const trusted = ["CA1", "CA2"];
const decide = (clients: Record<string, VersionInfo[]>, day: number, extra: object = {}) =>
  decideRotation({ ca: [ca1, ca2], clients, now: at(day), policy, trusted, ...extra });

describe("the retire phase", () => {
  it("before retireAt the old CA stays and the decision says until when", () => {
    expect(decide({ app: [v("c2", 100, 465, "current", { caKey: "k2" })] }, 100.5)).toMatchObject({ action: "none", retirePendingUntil: iso(101), nextCheckAt: iso(101) });
  });
  it("after retireAt the old CA is retired", () => {
    expect(decide({ app: [v("c2", 100, 465, "current", { caKey: "k2" })] }, 101)).toMatchObject({ action: "retireCa", thumbprints: ["CA1"] });
  });
  it("never while a current client chains to the old CA's key generation", () => {
    expect(decide({ app: [v("c2", 100, 465, "current", { caKey: "k2" })], old: [v("o1", 50, 415, "current", { caKey: "k1" })] }, 150))
      .toMatchObject({ action: "none" });
  });
  it("a client without the tag chains to the newest CA valid from no later than itself", () => {
    expect(decide({ app: [v("c2", 100, 465, "current")] }, 150)).toMatchObject({ action: "retireCa" });
    expect(decide({ app: [v("c1", 50, 415, "current")] }, 150)).toMatchObject({ action: "none" });
  });
  it("an earlier CA without retireAt (put back by a failed retire) is due at once; one the cluster no longer trusts is not", () => {
    const untagged = { ...ca1, retireAt: undefined };
    const clients = { app: [v("c2", 100, 465, "current", { caKey: "k2" })] };
    expect(decideRotation({ ca: [untagged, ca2], clients, now: at(100), policy, trusted })).toMatchObject({ action: "retireCa", thumbprints: ["CA1"] });
    expect(decideRotation({ ca: [untagged, ca2], clients, now: at(100), policy, trusted: ["CA2"] })).toMatchObject({ action: "none" });
  });
  it("a CA renewed on the same key shares its generation: the old version's clients do not hold it back", () => {
    const renewed = v("ca2", 100, 1925, "current", { caKey: "k1" });
    expect(decideRotation({ ca: [ca1, renewed], clients: { app: [v("c1", 50, 415, "current", { caKey: "k1" })] }, now: at(101), policy, trusted }))
      .toMatchObject({ action: "retireCa", thumbprints: ["CA1"] });
  });
});

describe("CA renewal keeping the key", () => {
  it("rotates the CA without re-issuing any client", () => {
    const ca = [v("ca1", 0, 1825, "current")];
    expect(decideRotation({ ca, clients: { app: [v("c1", 0, 365, "current")] }, now: at(1), policy: { ...policy, caRenewalKey: "reuse" }, requested: "ca" }))
      .toEqual({ action: "rotateCa", clients: [], reasons: ["CA rotation requested"], reuseKey: true });
  });
  it("the first CA of a cluster always gets a new key", () => {
    expect(decideRotation({ ca: [], clients: { app: [] }, now: at(1), policy: { ...policy, caRenewalKey: "reuse" } })).toEqual(
      { action: "rotateCa", clients: ["app"], reasons: ["no current CA"] });
  });
});

describe("backoff", () => {
  const failing = v("ca1", 0, 1825, "current", { failures: 2, nextAttemptAt: iso(10) });
  const clients = { app: [v("c1", 0, 365, "current")] };
  it("a scheduled check before nextAttemptAt decides none, even with work due", () => {
    expect(decideRotation({ ca: [failing], clients, now: at(9), policy, requested: "client" })).toEqual({ action: "none", nextCheckAt: iso(10), backoffUntil: iso(10) });
  });
  it("an explicit request runs; after nextAttemptAt a scheduled one does too", () => {
    expect(decideRotation({ ca: [failing], clients, now: at(9), policy, requested: "client", explicit: true }).action).toBe("renewClient");
    expect(decideRotation({ ca: [failing], clients, now: at(10), policy, requested: "client" }).action).toBe("renewClient");
  });
  it("doubles from an hour and stops at a day", () => {
    expect([1, 2, 3, 5, 6, 30].map(backoffDelayMs)).toEqual([1, 2, 4, 16, 24, 24].map((h) => h * 3_600_000));
  });
  it("records a short printable reason and the next attempt", () => {
    const tags = failureTags(failing, `verify: mTLS failed\n${"x".repeat(500)}\u0007`, at(20));
    expect(tags).toMatchObject({ failures: "3", nextAttemptAt: new Date(at(20).getTime() + 4 * 3_600_000).toISOString() });
    expect(tags.lastFailure!.length).toBeLessThanOrEqual(161);
    expect(tags.lastFailure).not.toMatch(/[\u0000-\u001f]/);
  });
});
