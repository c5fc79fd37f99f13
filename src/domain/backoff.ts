// Backoff after failed rotations (docs/certificates.md "Backoff"): the state is on the current CA version's tags,
// written by the rollback path and cleared by the next success, so scheduled checks skip a failing cluster (no new
// Key Vault versions per timer tick) while an explicit request still runs. Before a cluster has any current CA (its
// first issuance failed), the failed CA versions that issuance left carry it.
import { printable } from "./azureNames.js";
import { certificateTags } from "./ids.js";
import type { VersionInfo } from "./rotation.js";

const BASE_MS = 3_600_000;
const CAP_MS = 24 * 3_600_000;

/** Doubling from one hour, capped at a day. */
export function backoffDelayMs(failures: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, Math.min(failures, 20) - 1));
}

const instant = (iso: string | undefined) => (iso ? Date.parse(iso) || 0 : 0);

/**
 * The CA version whose tags hold the cluster's backoff: the current one; without one, the newest failed version, with
 * the most failures and the latest next attempt any failed version records (each failed first issuance leaves a new
 * version, so the count must carry across them or the delay would never grow).
 */
export function backoffCarrier(ca: readonly VersionInfo[]): VersionInfo | undefined {
  const newest = (versions: VersionInfo[]) => [...versions].sort((a, b) => instant(b.notBefore) - instant(a.notBefore));
  const current = newest(ca.filter((v) => v.stage === "current"))[0];
  if (current) return current;
  const failed = newest(ca.filter((v) => v.stage === "failed"));
  if (!failed.length) return undefined;
  const failures = Math.max(0, ...failed.map((v) => v.failures ?? 0));
  const next = failed.map((v) => v.nextAttemptAt).filter((at) => at !== undefined).sort((a, b) => instant(b) - instant(a))[0];
  const last = failed.find((v) => v.lastFailure)?.lastFailure;
  return { ...failed[0]!, ...(failures ? { failures } : {}), ...(next ? { nextAttemptAt: next } : {}), ...(last ? { lastFailure: last } : {}) };
}

/** Tags to set on the carrier (backoffCarrier) after one more failure: short, printable, no secrets (only the step's sentence). */
export function failureTags(ca: VersionInfo, reason: string, now: Date): Record<string, string> {
  const failures = (ca.failures ?? 0) + 1;
  return {
    [certificateTags.failures]: String(failures),
    [certificateTags.lastFailure]: printable(reason.replace(/\s+/g, " "), 160),
    [certificateTags.nextAttemptAt]: new Date(now.getTime() + backoffDelayMs(failures)).toISOString(),
  };
}

export const BACKOFF_TAGS = [certificateTags.failures, certificateTags.lastFailure, certificateTags.nextAttemptAt];
