// Least privilege, checked against behaviour: every request the app sent to the emulator while the provisioning,
// rotation and connection-kit suites ran maps to a row of the permissions table (src/adapters/permissions.ts),
// from which the deployment's roles are generated. Runs after those suites (vitest.config.ts: groupOrder 1).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { APP_USER_AGENT } from "../../src/adapters/azureClients.js";
import { permissions, type Permission } from "../../src/adapters/permissions.js";
import { matchPermission } from "../support/audit/matchPermission.js";
import { AUDITED_SUITES } from "../support/audit/suites.js";

interface Recorded { method: string; path: string; status: number; userAgent?: string }

const dir = inject("requestAuditDir");
const recordings = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort();
const read = (file: string): Recorded[] =>
  readFileSync(join(dir, file), "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Recorded);
const byApp = (r: Recorded) => r.userAgent?.startsWith(APP_USER_AGENT) === true;

if (recordings.length === 0) {
  console.warn(`\n!!! REQUEST AUDIT SKIPPED: none of ${AUDITED_SUITES.join(", ")} ran in this vitest run.`
    + "\n!!! Run it with them (npm test, or npx vitest run test/integration/provisioning test/audit).\n");
}

describe.skipIf(recordings.length === 0)("request audit", () => {
  const perFile = new Map(recordings.map((file) => [file, read(file).filter(byApp)]));
  const requests = [...perFile.values()].flat();

  it("recorded the app's requests in every audited suite that ran", () => {
    const silent = [...perFile].filter(([, list]) => list.length === 0).map(([file]) => file);
    expect(silent, "suites that ran but recorded no request of the app: is the recorder wired?").toEqual([]);
  });

  it("maps every request the app sent to an action in the permissions table (0 unmapped)", () => {
    const hits = new Map<Permission, number>();
    const unmapped = new Set<string>();
    for (const r of requests) {
      const row = matchPermission(permissions, r.method, r.path);
      if (row) hits.set(row, (hits.get(row) ?? 0) + 1);
      else unmapped.add(`${r.method} ${r.path}`);
    }
    const lines = permissions.map((p) =>
      `${String(hits.get(p) ?? 0).padStart(6)}  ${p.method.padEnd(6)} ${p.operation} → ${p.grants.map((g) => g.action).join(", ")}`);
    console.log(`request audit: ${requests.length} requests of the app in ${recordings.length} suites, ${unmapped.size} unmapped;`
      + ` table rows exercised: ${hits.size} of ${permissions.length}\n${lines.join("\n")}`);
    expect([...unmapped]).toEqual([]);
  });
});
