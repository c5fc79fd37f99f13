// Renewal policy, cert-manager style: a pure function of the certificate versions and `now`.
// Stages live in Key Vault version tags (`stage`): pending → current → previous (or failed); the phase after a
// CA rotation (the previous CA's `retireAt`) and the backoff after failures too (docs/certificates.md "Phases").
import { backoffCarrier } from "./backoff.js";
import { retirement } from "./retirement.js";

export type Stage = "pending" | "current" | "previous" | "failed";

export interface VersionInfo {
  version: string;
  stage: Stage | undefined;
  /** ISO-8601 instants from the certificate. */
  notBefore: string | undefined;
  notAfter: string | undefined;
  thumbprint: string;
  /** Phase tags (certificateTags): when this (earlier) CA may leave the trust list, the CA key generation it has or chains to. */
  retireAt?: string;
  caKey?: string;
  /** Backoff after failed rotations, on the current CA version or a failed first one (domain/backoff.ts). */
  failures?: number;
  lastFailure?: string;
  nextAttemptAt?: string;
}

export interface RotationPolicy {
  /** Renew a client certificate once less than this fraction of its lifetime remains. */
  clientRenewFraction: number;
  caRenewFraction: number;
  /** Lifetime of a newly issued client certificate: a CA must outlive it. */
  clientValidityMs: number;
  /** `reuse`: a due CA is renewed on its own key, so its clients stay valid and none is re-issued. */
  caRenewalKey?: "new" | "reuse";
}

export type RotationScope = "client" | "ca";

export type RotationDecision =
  | { action: "none"; nextCheckAt: string | undefined; retirePendingUntil?: string; backoffUntil?: string }
  | { action: "renewClient"; clients: string[]; reasons: string[] }
  | { action: "rotateCa"; clients: string[]; reasons: string[]; reuseKey?: true }
  /** Earlier CAs of ours whose grace is over and to which no current client chains leave the trust list. */
  | { action: "retireCa"; clients: string[]; thumbprints: string[]; reasons: string[] };

export interface RotationInput {
  ca: VersionInfo[];
  /** Versions per client name (every client the cluster should have, even without versions yet). */
  clients: Record<string, VersionInfo[]>;
  now: Date;
  policy: RotationPolicy;
  requested?: RotationScope;
  /** With `requested: "client"`: renew only these (others still by policy); absent: every client. */
  requestedClients?: string[];
  /** The cluster's trusted thumbprints (clientCertificates): absent, nothing is retired. */
  trusted?: string[];
  /** Asked for by a person (HTTP): runs also while the cluster backs off after failures. */
  explicit?: boolean;
}

/** The version tagged current; if several are (an interrupted promotion), the newest certificate. */
export function currentVersion(versions: VersionInfo[]): VersionInfo | undefined {
  return versions
    .filter((v) => v.stage === "current")
    .sort((a, b) => time(b.notBefore) - time(a.notBefore))[0];
}

/** The instant from which a certificate is due for renewal. */
export function renewAt(v: VersionInfo, fraction: number): number {
  const start = time(v.notBefore);
  const end = time(v.notAfter);
  return end - fraction * (end - start);
}

export function decideRotation(input: RotationInput): RotationDecision {
  const { ca, clients, now, policy, requested, requestedClients } = input;
  const t = now.getTime();
  const names = Object.keys(clients).sort();
  const ca0 = currentVersion(ca);
  // A cluster whose rotations fail is left alone by scheduled checks until its next attempt (domain/backoff.ts).
  const backoff = backoffCarrier(ca)?.nextAttemptAt;
  if (backoff && !input.explicit && time(backoff) > t) return { action: "none", nextCheckAt: backoff, backoffUntil: backoff };
  const caReasons: string[] = [];
  if (requested === "ca") caReasons.push("CA rotation requested");
  if (!ca0) caReasons.push("no current CA");
  else {
    if (t >= renewAt(ca0, policy.caRenewFraction)) caReasons.push(`CA ${ca0.version} is due for renewal`);
    if (time(ca0.notAfter) - t < policy.clientValidityMs) caReasons.push(`CA ${ca0.version} expires before a new client certificate would`);
  }
  // A new CA key means every client certificate is re-issued under it; a renewal on the same key keeps them.
  if (caReasons.length) {
    return ca0 && policy.caRenewalKey === "reuse" ? { action: "rotateCa", clients: [], reasons: caReasons, reuseKey: true }
      : { action: "rotateCa", clients: names, reasons: caReasons };
  }

  const reasons: string[] = [];
  const due = names.filter((name) => {
    const cur = currentVersion(clients[name]!);
    const forced = requested === "client" && (!requestedClients || requestedClients.includes(name));
    const why = forced ? "renewal requested"
      : !cur ? "no current certificate"
      : t >= renewAt(cur, policy.clientRenewFraction) ? `version ${cur.version} is due for renewal`
      : time(cur.notAfter) > time(ca0!.notAfter) ? `version ${cur.version} outlives its CA` : undefined;
    if (why) reasons.push(`client ${name}: ${why}`);
    return why !== undefined;
  });
  if (due.length) return { action: "renewClient", clients: due, reasons };

  const retire = retirement(ca, clients, input.trusted ?? [], t);
  if (retire.due.length) {
    return { action: "retireCa", clients: [], thumbprints: retire.due.map((v) => v.thumbprint), reasons: retire.due.map((v) => `CA ${v.version} is due for retirement`) };
  }
  const next = [ca0!, ...names.map((n) => currentVersion(clients[n]!)!)]
    .map((v, i) => renewAt(v, i === 0 ? policy.caRenewFraction : policy.clientRenewFraction));
  const nextCa = time(ca0!.notAfter) - policy.clientValidityMs;
  const pending = retire.pendingUntil ? [time(retire.pendingUntil)] : [];
  return { action: "none", nextCheckAt: new Date(Math.min(...next, nextCa, ...pending)).toISOString(), ...(retire.pendingUntil ? { retirePendingUntil: retire.pendingUntil } : {}) };
}

export function time(iso: string | undefined): number {
  const n = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(n) ? 0 : n;
}
