// The rotation orchestration's input: the cluster, its client names, the renewal policy and timings.
// Configuration produces the settings (src/config.ts `rotationSettings`); orchestrators read no config.
import type { CertificateInventory } from "./certificateProfiles.js";
import type { ClusterRef } from "./ids.js";
import type { RotationInput, RotationScope } from "./rotation.js";

export type KeyType = "EC-P256" | "RSA-2048" | "RSA-3072";

/** The part of the rotation settings a rotation needs (schedule and concurrency belong to the timer). */
export interface RotationPolicySettings {
  clientRenewFraction: number;
  caRenewFraction: number;
  clientValidityMonths: number;
  caValidityMonths: number;
  keyType: KeyType;
  caRetireGraceMs: number;
}

export interface RotationTiming {
  pollIntervalMs: number;
  timeoutMs: number;
  /** mTLS checks before giving up, one per poll interval across the verification window. */
  verifyAttempts: number;
}

/** Everything about a rotation that comes from configuration. */
export interface RotationSettings {
  policy: RotationPolicySettings;
  timing: RotationTiming;
  managedByTag: string;
}

/** The Key Vault event a rotation was started for: a later event for the same version was handled by it already. */
export interface RotationTrigger {
  certificate: string;
  /** The version tagged current when the event arrived. */
  version: string;
}

export interface RotationPlan extends RotationSettings {
  cluster: ClusterRef;
  clients: string[];
  requested?: RotationScope;
  reason: string;
  trigger?: RotationTrigger;
  /** Set by the rotation from its inventory (certificateNames.ts stemOf): triggers leave it out. */
  certificateStem?: string;
}

/** Average month length: validity is configured in months, the policy compares milliseconds. */
export const MONTH_MS = 30.4375 * 86_400_000;

export interface RotationOptions {
  requested?: RotationScope;
  reason: string;
  clients?: string[];
  trigger?: RotationTrigger;
}

export function rotationPlanFor(settings: RotationSettings, cluster: ClusterRef, options: RotationOptions): RotationPlan {
  return {
    cluster, clients: options.clients ?? [], reason: options.reason, ...(options.requested ? { requested: options.requested } : {}),
    ...(options.trigger ? { trigger: options.trigger } : {}), ...settings,
  };
}

/** What the renewal policy decides from: the plan's policy and request, the inventory and the orchestration clock. */
export function rotationInputFor(plan: RotationPlan, found: CertificateInventory, now: Date): RotationInput {
  const { clientRenewFraction, caRenewFraction, clientValidityMonths } = plan.policy;
  return {
    ca: found.ca, clients: found.clients, now,
    policy: { clientRenewFraction, caRenewFraction, clientValidityMs: clientValidityMonths * MONTH_MS },
    ...(plan.requested ? { requested: plan.requested } : {}),
    ...(plan.requested === "client" && plan.clients.length ? { requestedClients: plan.clients } : {}),
  };
}
