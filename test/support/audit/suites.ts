// Which suites the permission audit records: the ones that drive the whole app (HTTP, timer and Event Grid
// triggers through the real orchestrations and adapters) against the emulator. Adapter-level tests are left out
// on purpose: they exercise adapter methods the app may never call, which would ask for permissions it never needs.
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const AUDITED_SUITES = ["test/integration/provisioning/", "test/integration/rotation/", "test/integration/connectionKit/"];

export const isAudited = (testFile: string): boolean => AUDITED_SUITES.some((dir) => repoPath(testFile).startsWith(dir));

export const repoPath = (file: string): string => relative(REPO_ROOT, file).split(sep).join("/");

/** Where the recording of one test file goes inside the run's audit directory. */
export const recordingFile = (dir: string, testFile: string): string =>
  join(dir, `${repoPath(testFile).replaceAll("/", "__")}.jsonl`);
