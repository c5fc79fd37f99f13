// The suite-wide check on the emulator's request log: every request the app sent was validated (none answered
// unchecked) and valid, and every answer conformed to its operation's response schema. The worlds that run the
// app call it when they are disposed, so each test file checks its own traffic; a request a test makes the app
// send wrongly on purpose is named by `expectInvalid`. With REQUEST_AUDIT_FILE set, each file's summary is also
// appended there as one JSON line, for the numbers of a whole run.
import { appendFileSync } from "node:fs";
import { expect } from "vitest";
import type { RequestLogEntry } from "../../local/emulator/core/requestLog.js";
import type { Emulator } from "../../local/emulator/server.js";

export interface AuditOptions {
  /** Requests the test makes the app send invalid on purpose; each must match at least once. */
  expectInvalid?: Array<(entry: RequestLogEntry) => boolean>;
}

export function auditRequests(emulator: Emulator, testFile: string | undefined, options: AuditOptions = {}): void {
  const { requests, summary } = emulator.requests();
  const expected = options.expectInvalid ?? [];
  const describe = (r: RequestLogEntry) => `${r.method} ${r.path} → ${r.status}: ${(r.errors ?? r.responseErrors ?? []).join("; ")}`;
  const invalid = requests.filter((r) => r.valid === false);
  const unexpected = invalid.filter((r) => !expected.some((matches) => matches(r)));
  if (process.env.REQUEST_AUDIT_FILE) {
    appendFileSync(process.env.REQUEST_AUDIT_FILE, `${JSON.stringify({ file: testFile, ...summary, expectedInvalid: invalid.length - unexpected.length })}\n`);
  }
  expect(requests.filter((r) => r.valid === null).map(describe), "requests answered without being validated").toEqual([]);
  expect(summary.unchecked).toBe(0);
  expect(unexpected.map(describe), "requests of the app that Azure would refuse").toEqual([]);
  expect(summary.invalid, "invalid requests beyond the newest 10 000 kept").toBe(invalid.length);
  expect(expected.filter((matches) => !invalid.some(matches)).length, "an expected invalid request that never came").toBe(0);
  expect(requests.filter((r) => r.responseErrors).map(describe), "answers that depart from their response schema").toEqual([]);
}

/** The test file of the running test, for the audit line. */
export const currentTestFile = (): string | undefined => expect.getState().testPath?.replace(/^.*?\/test\//, "test/");
