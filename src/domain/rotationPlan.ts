// The rotation orchestration's input: the cluster, its client names, the renewal policy and timings,
// resolved from configuration by the trigger (orchestrators read no config).
import type { Config } from "../config.js";
import type { RotationScope } from "./rotation.js";

/** The part of the rotation settings a rotation needs (schedule and concurrency belong to the timer). */
export type RotationPolicySettings = Pick<Config["rotation"],
  "clientRenewFraction" | "caRenewFraction" | "clientValidityMonths" | "caValidityMonths" | "keyType" | "caRetireGraceMs">;

export interface RotationPlan {
  cluster: { subscriptionId: string; resourceGroup: string; clusterName: string };
  clients: string[];
  requested?: RotationScope;
  reason: string;
  policy: RotationPolicySettings;
  timing: { pollIntervalMs: number; timeoutMs: number; verifyAttempts: number };
  managedByTag: string;
}

/** Average month length: validity is configured in months, the policy compares milliseconds. */
export const MONTH_MS = 30.4375 * 86_400_000;

/** mTLS checks before giving up, one per poll interval across the verification window (at least one). */
export function verifyAttempts(config: Pick<Config, "cql" | "operations">): number {
  return Math.floor(config.cql.verifyWindowMs / config.operations.pollIntervalMs) + 1;
}

export function rotationPolicySettings(rotation: Config["rotation"]): RotationPolicySettings {
  const { clientRenewFraction, caRenewFraction, clientValidityMonths, caValidityMonths, keyType, caRetireGraceMs } = rotation;
  return { clientRenewFraction, caRenewFraction, clientValidityMonths, caValidityMonths, keyType, caRetireGraceMs };
}
