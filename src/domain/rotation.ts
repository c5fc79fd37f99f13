// Renewal policy, cert-manager style: a pure function of the certificate versions and `now`.
// Stages live in Key Vault version tags (`stage`): pending → current → previous (or failed).

export type Stage = "pending" | "current" | "previous" | "failed";

export interface VersionInfo {
  version: string;
  stage: Stage | undefined;
  /** ISO-8601 instants from the certificate. */
  notBefore: string | undefined;
  notAfter: string | undefined;
  thumbprint: string;
}

export interface RotationPolicy {
  /** Renew a client certificate once less than this fraction of its lifetime remains. */
  clientRenewFraction: number;
  caRenewFraction: number;
  /** Lifetime of a newly issued client certificate: a CA must outlive it. */
  clientValidityMs: number;
}

export type RotationScope = "client" | "ca";

export type RotationDecision =
  | { action: "none"; nextCheckAt: string | undefined }
  | { action: "renewClient"; clients: string[]; reasons: string[] }
  | { action: "rotateCa"; clients: string[]; reasons: string[] };

export interface RotationInput {
  ca: VersionInfo[];
  /** Versions per client name (every client the cluster should have, even without versions yet). */
  clients: Record<string, VersionInfo[]>;
  now: Date;
  policy: RotationPolicy;
  requested?: RotationScope;
  /** With `requested: "client"`: renew only these (others still by policy); absent: every client. */
  requestedClients?: string[];
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

export function decideRotation({ ca, clients, now, policy, requested, requestedClients }: RotationInput): RotationDecision {
  const t = now.getTime();
  const names = Object.keys(clients).sort();
  const ca0 = currentVersion(ca);
  const caReasons: string[] = [];
  if (requested === "ca") caReasons.push("CA rotation requested");
  if (!ca0) caReasons.push("no current CA");
  else {
    if (t >= renewAt(ca0, policy.caRenewFraction)) caReasons.push(`CA ${ca0.version} is due for renewal`);
    if (time(ca0.notAfter) - t < policy.clientValidityMs) caReasons.push(`CA ${ca0.version} expires before a new client certificate would`);
  }
  // A new CA means every client certificate is re-issued under it.
  if (caReasons.length) return { action: "rotateCa", clients: names, reasons: caReasons };

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

  const next = [ca0!, ...names.map((n) => currentVersion(clients[n]!)!)]
    .map((v, i) => renewAt(v, i === 0 ? policy.caRenewFraction : policy.clientRenewFraction));
  const nextCa = time(ca0!.notAfter) - policy.clientValidityMs;
  return { action: "none", nextCheckAt: new Date(Math.min(...next, nextCa)).toISOString() };
}

function time(iso: string | undefined): number {
  const n = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(n) ? 0 : n;
}
