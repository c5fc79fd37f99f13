// The rotation orchestration's input: the cluster, its client names, the renewal policy and timings,
// resolved from configuration by the trigger (orchestrators read no config).
import type { KeyType } from "../config.js";
import type { RotationScope } from "./rotation.js";

export interface RotationPolicySettings {
  clientRenewFraction: number;
  caRenewFraction: number;
  clientValidityMonths: number;
  caValidityMonths: number;
  keyType: KeyType;
  caRetireGraceMs: number;
}

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

/** mTLS checks before giving up: a rolling restart may still be applying a trust change. */
export const VERIFY_ATTEMPTS = 6;

export function rotationPolicySettings(rotation: RotationPolicySettings & Record<string, unknown>): RotationPolicySettings {
  const { clientRenewFraction, caRenewFraction, clientValidityMonths, caValidityMonths, keyType, caRetireGraceMs } = rotation;
  return { clientRenewFraction, caRenewFraction, clientValidityMonths, caValidityMonths, keyType, caRetireGraceMs };
}
