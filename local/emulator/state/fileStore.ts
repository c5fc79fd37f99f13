// StateStore backed by one JSON file per collection under the state directory (memory only without one).
import fs from "node:fs";
import path from "node:path";
import type { StateStore } from "../types.js";

export class FileStateStore implements StateStore {
  private readonly collections = new Map<string, Map<string, unknown>>();
  private readonly written = new Map<string, string>();

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

  flush(): void {
    if (!this.dir) return;
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
