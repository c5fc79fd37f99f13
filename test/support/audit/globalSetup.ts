// One directory per vitest run for the request recordings of the audited suites: created before any test file
// runs, read by test/audit/ (which vitest runs after every other file: sequence.groupOrder), removed at the end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    requestAuditDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "request-audit-"));
  project.provide("requestAuditDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
