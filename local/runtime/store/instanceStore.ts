// Instances persisted one JSON file each under <stateDir>/runtime/<taskHub>/instances, written atomically
// (temp file + rename) after every committed change, so a killed runtime resumes from the last commit.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { InstanceRecord } from "../durable/instance.js";

export class InstanceStore {
  readonly directory: string;
  #closed = false;
  #writes = 0;

  constructor(stateDir: string, taskHub: string) {
    this.directory = join(stateDir, "runtime", taskHub, "instances");
    mkdirSync(this.directory, { recursive: true });
    // A crash between write and rename leaves a temp file; the committed file is still the previous one.
    for (const name of readdirSync(this.directory)) if (name.endsWith(".tmp")) rmSync(join(this.directory, name), { force: true });
  }

  #file(instanceId: string): string {
    return join(this.directory, `${encodeURIComponent(instanceId)}.json`);
  }

  loadAll(): InstanceRecord[] {
    return readdirSync(this.directory)
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(readFileSync(join(this.directory, name), "utf8")) as InstanceRecord);
  }

  save(record: InstanceRecord): void {
    if (this.#closed) return; // a killed runtime writes nothing more, like a dead process
    const file = this.#file(record.instanceId);
    const temp = `${file}.${process.pid}.${this.#writes++}.tmp`;
    writeFileSync(temp, JSON.stringify(record));
    renameSync(temp, file);
  }

  delete(instanceId: string): void {
    if (this.#closed) return;
    rmSync(this.#file(instanceId), { force: true });
  }

  /** Stops all writes; the files stay as they are. */
  close(): void {
    this.#closed = true;
  }
}
