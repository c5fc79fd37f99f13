import { describe, expect, it } from "vitest";
import { parseSchedule } from "../../local/runtime/triggers/cron.js";

const next = (expression: string, after: string) => new Date(parseSchedule(expression).next(Date.parse(after))).toISOString();

describe("NCRONTAB schedules (seconds first)", () => {
  it.each([
    ["0 */5 * * * *", "2026-01-01T10:02:30Z", "2026-01-01T10:05:00.000Z"],
    ["0 0 2 * * *", "2026-01-01T02:00:00Z", "2026-01-02T02:00:00.000Z"],
    ["30 15 9 * * 1-5", "2026-01-02T10:00:00Z", "2026-01-05T09:15:30.000Z"], // Friday after 9:15 → Monday
    ["0 0 0 1 Jan *", "2026-02-01T00:00:00Z", "2027-01-01T00:00:00.000Z"],
    ["0 0 0 13 * 5", "2026-01-01T00:00:00Z", "2026-02-13T00:00:00.000Z"], // day AND weekday: Friday the 13th
    ["*/10 * * * * *", "2026-01-01T00:00:05Z", "2026-01-01T00:00:10.000Z"],
    ["00:30:00", "2026-01-01T00:00:00Z", "2026-01-01T00:30:00.000Z"],
  ])("%s after %s is %s", (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it("rejects five-field (classic cron) expressions", () => {
    expect(() => parseSchedule("*/5 * * * *")).toThrow(/must have 6 fields/);
  });
});
