// Backoff after failed rotations (docs/certificates.md "Backoff"): the state is on the current CA version's tags,
// written by the rollback path and cleared by the next success, so scheduled checks skip a failing cluster (no new
// Key Vault versions per timer tick) while an explicit request still runs.
import { printable } from "./azureNames.js";
import { certificateTags } from "./ids.js";
import type { VersionInfo } from "./rotation.js";

const BASE_MS = 3_600_000;
const CAP_MS = 24 * 3_600_000;

/** Doubling from one hour, capped at a day. */
export function backoffDelayMs(failures: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, Math.min(failures, 20) - 1));
}

/** Tags to set on the current CA version after one more failure: short, printable, no secrets (only the step's sentence). */
export function failureTags(ca: VersionInfo, reason: string, now: Date): Record<string, string> {
  const failures = (ca.failures ?? 0) + 1;
  return {
    [certificateTags.failures]: String(failures),
    [certificateTags.lastFailure]: printable(reason.replace(/\s+/g, " "), 160),
    [certificateTags.nextAttemptAt]: new Date(now.getTime() + backoffDelayMs(failures)).toISOString(),
  };
}

export const BACKOFF_TAGS = [certificateTags.failures, certificateTags.lastFailure, certificateTags.nextAttemptAt];
