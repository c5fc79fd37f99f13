import { describe, expect, it } from "vitest";
import { isoDurationToMs, msToIsoDuration } from "../../../src/domain/duration.js";

describe("isoDurationToMs", () => {
  it.each([
    ["PT5M", 300_000],
    ["P7D", 604_800_000],
    ["P1DT12H", 129_600_000],
    ["PT1.5S", 1500],
    ["P2W", 1_209_600_000],
    ["PT0S", 0],
  ])("%s = %d ms", (text, ms) => expect(isoDurationToMs(text)).toBe(ms));

  it.each(["", "P", "PT", "5M", "P1M", "P1Y", "PT5m", "P1DT", "-PT5M", "PT5M ", "P1.5D"])("rejects %j", (text) =>
    expect(isoDurationToMs(text)).toBeUndefined(),
  );
});

describe("msToIsoDuration", () => {
  it.each([
    [0, "PT0S"],
    [300_000, "PT5M"],
    [129_600_000, "P1DT12H"],
    [1500, "PT1.5S"],
  ])("%d ms = %s", (ms, text) => expect(msToIsoDuration(ms)).toBe(text));

  it("round-trips", () => {
    for (const text of ["P3DT4H5M6S", "PT1H", "P10D"]) expect(msToIsoDuration(isoDurationToMs(text)!)).toBe(text);
  });
});
