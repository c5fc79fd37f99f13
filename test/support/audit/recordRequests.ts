// Setup file of every test file: an audited suite's emulators append each request they answer to this file's
// recording (EMULATOR_REQUEST_LOG, see local/emulator/options.ts). The empty file says "this suite ran", so the
// audit can tell a broken recorder (ran, recorded nothing) from a suite that was not part of the run.
import { writeFileSync } from "node:fs";
import { beforeAll, expect, inject } from "vitest";
import { isAudited, recordingFile } from "./suites.js";

beforeAll(() => {
  const testFile = expect.getState().testPath;
  if (!testFile || !isAudited(testFile)) return;
  const file = recordingFile(inject("requestAuditDir"), testFile);
  writeFileSync(file, "");
  process.env.EMULATOR_REQUEST_LOG = file;
});
