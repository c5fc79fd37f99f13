import { describe, expect, it } from "vitest";
import { applyTrustChange, sameTrust, showsWritten, trusts, writeDifference, type TrustEntry } from "../../../src/domain/trustList.js";

const e = (t: string): TrustEntry => ({ pem: `PEM-${t}`, thumbprint: t });
const foreign: TrustEntry = { pem: "-----BEGIN CERTIFICATE-----\nhand-pasted\n-----END CERTIFICATE-----", thumbprint: "FF01" };
const garbage: TrustEntry = { pem: "not a certificate", thumbprint: undefined };

describe("applyTrustChange", () => {
  it("adds the new CA and keeps every other entry in place", () => {
    expect(applyTrustChange([foreign, e("AA"), garbage], { add: [e("BB")], remove: [] })).toEqual([foreign, e("AA"), garbage, e("BB")]);
  });

  it("removes only the listed thumbprints, whatever their case or colons", () => {
    expect(applyTrustChange([foreign, e("AA"), e("BB")], { add: [], remove: ["aa"] })).toEqual([foreign, e("BB")]);
    expect(applyTrustChange([e("A1B2")], { add: [], remove: ["a1:b2"] })).toEqual([]);
  });

  it("never doubles an entry already present (re-running a step is a no-op)", () => {
    const once = applyTrustChange([foreign, e("AA")], { add: [e("BB")], remove: [] });
    expect(applyTrustChange(once, { add: [e("BB")], remove: [] })).toEqual(once);
    expect(applyTrustChange([garbage, garbage], { add: [], remove: [] })).toEqual([garbage]);
  });

  it("rollback restores the list the change started from", () => {
    const before = [foreign, e("AA")];
    const after = applyTrustChange(before, { add: [e("BB")], remove: [] });
    expect(applyTrustChange(after, { add: [], remove: ["BB"] })).toEqual(before);
  });
});

describe("trusts / sameTrust", () => {
  it("answers by thumbprint", () => {
    expect(trusts([foreign, e("AA")], "aa")).toBe(true);
    expect(trusts([garbage], "AA")).toBe(false);
  });

  it("compares order and content", () => {
    expect(sameTrust([e("AA"), e("BB")], [e("aa"), e("BB")])).toBe(true);
    expect(sameTrust([e("AA"), e("BB")], [e("BB"), e("AA")])).toBe(false);
  });
});

describe("showsWritten / writeDifference (reading a write back)", () => {
  it("holds when the cluster shows exactly the thumbprints written, in any order, case or colon form", () => {
    expect(showsWritten(["BB", "AA"], ["aa", "b:b"])).toBe(true);
    expect(writeDifference(["BB", "AA"], ["aa", "bb"])).toEqual({ missing: [], unwritten: [] });
  });

  it("fails while an added thumbprint is missing or a removed one is still listed (the state before the write)", () => {
    expect(showsWritten(["AA"], ["AA", "BB"])).toBe(false);
    expect(writeDifference(["AA"], ["AA", "BB"])).toEqual({ missing: ["BB"], unwritten: [] });
    expect(showsWritten(["AA", "BB"], ["BB"])).toBe(false);
    expect(writeDifference(["AA", "BB"], ["BB"])).toEqual({ missing: [], unwritten: ["AA"] });
    expect(showsWritten([], [])).toBe(true);
  });
});
