import { describe, expect, it } from "vitest";
import type { VersionInfo } from "../../../src/domain/rotation.js";
import { failure, pendingVersion, promotion } from "../../../src/domain/stages.js";

const v = (version: string, stage: VersionInfo["stage"]): VersionInfo => ({ version, stage, thumbprint: version, notBefore: undefined, notAfter: undefined });

describe("promotion", () => {
  it("pending → current, current → previous, previous → retired; the new current is written first", () => {
    const versions = [v("a", undefined), v("b", "previous"), v("c", "current"), v("d", "pending")];
    expect(promotion(versions, "d")).toEqual([
      { version: "d", stage: "current" },
      { version: "b", stage: undefined },
      { version: "c", stage: "previous" },
    ]);
  });

  it("first issuance has nothing to demote", () => {
    expect(promotion([v("a", "pending")], "a")).toEqual([{ version: "a", stage: "current" }]);
  });

  it("is idempotent after a crash between writes", () => {
    // The new version was already written current; the old one is still current too.
    expect(promotion([v("c", "current"), v("d", "current")], "d")).toEqual([{ version: "c", stage: "previous" }]);
    expect(promotion([v("c", "previous"), v("d", "current")], "d")).toEqual([{ version: "c", stage: undefined }]);
  });

  it("refuses an unknown version", () => {
    expect(() => promotion([v("a", "current")], "zz")).toThrow(/zz/);
  });
});

describe("failure / pendingVersion", () => {
  it("marks the attempt failed and finds the pending one", () => {
    expect(failure("d")).toEqual([{ version: "d", stage: "failed" }]);
    expect(pendingVersion([v("a", "current"), v("d", "pending")])?.version).toBe("d");
    expect(pendingVersion([v("a", "current")])).toBeUndefined();
  });
});
