import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { FileStateStore } from "../../../local/emulator/state/fileStore.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-store-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("file-backed state store", () => {
  it("gives a second store on the same directory what the first flushed, including in-place changes", () => {
    const first = new FileStateStore(dir);
    const things = first.collection<{ n: number }>("arm.things");
    things.set("a", { n: 1 });
    first.flush();
    (things.get("a") as { n: number }).n = 2;
    things.set("b", { n: 3 });
    first.flush();
    const second = new FileStateStore(dir);
    expect(Object.fromEntries(second.collection("arm.things"))).toEqual({ a: { n: 2 }, b: { n: 3 } });
    expect(fs.readdirSync(dir)).toEqual(["arm.things.json"]);
  });

  it("writes at most once per interval after requests, the last change included, and at once when flushed", () => {
    vi.useFakeTimers({ now: Date.parse("2026-12-03T12:00:00Z") });
    try {
      const soonDir = fs.mkdtempSync(path.join(dir, "soon-"));
      const onDisk = () => Object.fromEntries(new FileStateStore(soonDir).collection("arm.things"));
      const store = new FileStateStore(soonDir);
      const things = store.collection<number>("arm.things");
      things.set("a", 1);
      store.flushSoon();
      expect(onDisk()).toEqual({ a: 1 });
      things.set("a", 2);
      store.flushSoon();
      things.set("b", 3);
      store.flushSoon();
      expect(onDisk()).toEqual({ a: 1 });
      vi.advanceTimersByTime(249);
      expect(onDisk()).toEqual({ a: 1 });
      vi.advanceTimersByTime(1);
      expect(onDisk()).toEqual({ a: 2, b: 3 });
      things.set("c", 4);
      store.flushSoon();
      store.flush();
      expect(onDisk()).toEqual({ a: 2, b: 3, c: 4 });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps everything in memory without a directory", () => {
    const store = new FileStateStore(undefined);
    store.collection<number>("x").set("k", 1);
    store.flush();
    expect(store.collection<number>("x").get("k")).toBe(1);
  });

  it("refuses collection names that are not safe file names", () => {
    const store = new FileStateStore(dir);
    expect(() => store.collection("../escape")).toThrow(/safe file name/);
  });
});
