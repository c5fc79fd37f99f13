// Instances persisted one JSON file each under <stateDir>/runtime/<taskHub>/instances, written atomically
// (temp file + rename) after every committed change, so a killed runtime resumes from the last commit.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { InstanceRecord } from "../durable/instance.js";

/** Leaves room for `.json` and the temp suffix (`.<pid>.<n>.tmp`) within 255 bytes. */
const MAX_ENCODED_NAME = 200;

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

  // File systems take 255 bytes per name, and an instance id may have 256 characters that percent-encode to three
  // times as many: a long id gets a digest name instead (`#` never appears in an encoded id). The file holds the id.
  #file(instanceId: string): string {
    const encoded = encodeURIComponent(instanceId);
    const name = encoded.length <= MAX_ENCODED_NAME ? encoded : `#sha256-${createHash("sha256").update(instanceId).digest("hex")}`;
    return join(this.directory, `${name}.json`);
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
