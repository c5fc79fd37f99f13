// The rotation orchestration's input: the cluster, its client names, the renewal policy and timings.
// Configuration produces the settings (src/config.ts `rotationSettings`); orchestrators read no config.
import type { ListedCertificates } from "./certificateNames.js";
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
  /** CA_RENEWAL_KEY: renew a due CA on a new key (clients re-issued) or on the same key (clients kept). */
  caRenewalKey: "new" | "reuse";
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
  /** Asked for by a person over HTTP: runs also while the cluster backs off after failures. */
  explicit?: boolean;
  /** The fleet's one listing of the vault, this cluster's part: the inventory does not list the vault again. */
  listed?: ListedCertificates;
}

/** The reason of the run a retire waker starts when an earlier CA's grace is over (activities/retireWaker.activity.ts). */
export const RETIRE_DUE = "retire due";

/** Average month length: validity is configured in months, the policy compares milliseconds. */
export const MONTH_MS = 30.4375 * 86_400_000;

export interface RotationOptions {
  requested?: RotationScope;
  reason: string;
  clients?: string[];
  trigger?: RotationTrigger;
  explicit?: boolean;
  listed?: ListedCertificates;
}

export function rotationPlanFor(settings: RotationSettings, cluster: ClusterRef, options: RotationOptions): RotationPlan {
  return {
    cluster, clients: options.clients ?? [], reason: options.reason, ...(options.requested ? { requested: options.requested } : {}),
    ...(options.trigger ? { trigger: options.trigger } : {}), ...(options.explicit ? { explicit: true } : {}),
    ...(options.listed ? { listed: options.listed } : {}), ...settings,
  };
}

/** What the renewal policy decides from: the plan's policy and request, the inventory and the orchestration clock. */
export function rotationInputFor(plan: RotationPlan, found: CertificateInventory, now: Date, trusted?: string[]): RotationInput {
  const { clientRenewFraction, caRenewFraction, clientValidityMonths, caRenewalKey } = plan.policy;
  return {
    ca: found.ca, clients: found.clients, now, ...(trusted ? { trusted } : {}), ...(plan.explicit ? { explicit: true } : {}),
    policy: { clientRenewFraction, caRenewFraction, clientValidityMs: clientValidityMonths * MONTH_MS, ...(caRenewalKey === "reuse" ? { caRenewalKey } : {}) },
    ...(plan.requested ? { requested: plan.requested } : {}),
    ...(plan.requested === "client" && plan.clients.length ? { requestedClients: plan.clients } : {}),
  };
}
