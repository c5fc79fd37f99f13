// StateStore backed by one JSON file per collection under the state directory (memory only without one). A flush
// serializes every collection whole (values are changed in place, so there is no cheaper way to find what changed);
// after every request that made the emulator's CPU go to flushing as the state grew: 66 % of its profile in a
// 200-cluster bench:fleet run. Requests therefore ask for `flushSoon`: at most one flush per FLUSH_INTERVAL_MS, the
// last one always written. A kill -9 loses at most that interval; close() and SIGTERM flush everything.
import fs from "node:fs";
import path from "node:path";
import type { StateStore } from "../types.js";

const FLUSH_INTERVAL_MS = 250;

export class FileStateStore implements StateStore {
  private readonly collections = new Map<string, Map<string, unknown>>();
  private readonly written = new Map<string, string>();
  private lastFlush = 0;
  private pending: NodeJS.Timeout | undefined;

  /** `dir` undefined keeps everything in memory (nothing survives a restart). */
  constructor(private readonly dir: string | undefined) {
    if (dir) fs.mkdirSync(dir, { recursive: true });
  }

  collection<T>(name: string): Map<string, T> {
    let map = this.collections.get(name);
    if (!map) {
      map = new Map(Object.entries(this.load(name)));
      this.collections.set(name, map);
    }
    return map as Map<string, T>;
  }

  /** A flush now if the last is FLUSH_INTERVAL_MS old, else one when it is (wall-clock time: this is I/O, not state). */
  flushSoon(): void {
    if (!this.dir || this.pending) return;
    const wait = this.lastFlush + FLUSH_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.flush();
    this.pending = setTimeout(() => {
      try {
        this.flush();
      } catch { /* a directory gone under a stopped world; any other failure recurs at the next flush, which throws it */ }
    }, wait);
    this.pending.unref();
  }

  flush(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    if (!this.dir) return;
    this.lastFlush = Date.now();
    for (const [name, map] of this.collections) {
      const text = JSON.stringify(Object.fromEntries(map), null, 1);
      if (this.written.get(name) === text) continue;
      const file = this.fileOf(name);
      // Write then rename, so a crash mid-write never leaves a truncated collection behind.
      fs.writeFileSync(`${file}.tmp`, text);
      fs.renameSync(`${file}.tmp`, file);
      this.written.set(name, text);
    }
  }

  private load(name: string): Record<string, unknown> {
    if (!this.dir) return {};
    const file = this.fileOf(name);
    if (!fs.existsSync(file)) return {};
    const text = fs.readFileSync(file, "utf8");
    this.written.set(name, text);
    return JSON.parse(text) as Record<string, unknown>;
  }

  private fileOf(name: string): string {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`collection name ${JSON.stringify(name)} is not a safe file name`);
    return path.join(this.dir as string, `${name}.json`);
  }
}
