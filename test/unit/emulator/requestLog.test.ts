import { describe, expect, it } from "vitest";
import { RequestLog, type RequestLogEntry } from "../../../local/emulator/core/requestLog.js";

const entry = (valid: boolean | null, versionMatch?: "exact" | "nearest"): RequestLogEntry =>
  ({ time: "t", method: "GET", path: "/p", service: "arm", status: 200, valid, ...(versionMatch ? { versionMatch } : {}) });

describe("request log", () => {
  it("summarizes valid, invalid and unchecked requests until cleared", () => {
    const log = new RequestLog();
    [true, true, false, null].forEach((valid) => log.record(entry(valid)));
    expect(log.view().summary).toEqual({ total: 4, valid: 2, invalid: 1, unchecked: 1, nearest: 0, armWrites: 0, throttled: 0 });
    expect(log.view().requests.map((r) => r.valid)).toEqual([true, true, false, null]);
    log.clear();
    expect(log.view()).toEqual({ requests: [], summary: { total: 0, valid: 0, invalid: 0, unchecked: 0, nearest: 0, armWrites: 0, throttled: 0 } });
  });

  it("counts requests checked against the nearest vendored version apart, never as silently exact", () => {
    const log = new RequestLog();
    log.record(entry(true, "exact"));
    log.record(entry(true, "nearest"));
    log.record(entry(false, "nearest"));
    expect(log.view().summary).toEqual({ total: 3, valid: 2, invalid: 1, unchecked: 0, nearest: 2, armWrites: 0, throttled: 0 });
    expect(log.view().requests.map((r) => r.versionMatch)).toEqual(["exact", "nearest", "nearest"]);
  });

  it("hands every entry to its sink as it is recorded, clears and caps included", () => {
    const sunk: RequestLogEntry[] = [];
    const log = new RequestLog((e) => sunk.push(e));
    log.record(entry(true));
    log.clear();
    log.record(entry(false));
    expect(sunk.map((e) => e.valid)).toEqual([true, false]);
    expect(log.view().requests).toHaveLength(1);
  });
});
