// When an earlier CA of ours may leave the cluster's trust list (docs/certificates.md "Phases"): its grace is over
// (`retireAt` passed; a version without the tag, e.g. one a failed retire put back, is due at once) and no client
// certificate tagged current chains to it. A client chains to a CA key generation (`caKey`, tagged at issue): a CA
// renewed on the same key shares its generation, so its clients never hold the old version back.
import { currentVersion, time, type VersionInfo } from "./rotation.js";

export interface Retirement {
  /** Earlier CA versions to remove now. */
  due: VersionInfo[];
  /** The earliest `retireAt` still ahead among the trusted earlier CAs. */
  pendingUntil: string | undefined;
}

/** A CA version's key generation: its `caKey` tag, or its own version id (a CA issued before the tag existed). */
export const keyGeneration = (ca: VersionInfo): string => ca.caKey ?? ca.version;

export function retirement(ca: VersionInfo[], clients: Record<string, VersionInfo[]>, trusted: string[], now: number): Retirement {
  const current = currentVersion(ca);
  if (!current) return { due: [], pendingUntil: undefined };
  const earlier = ca.filter((v) => v.stage !== "pending" && v.stage !== "current" && v.thumbprint && v.thumbprint !== current.thumbprint
    && trusted.includes(v.thumbprint));
  const held = new Set(Object.values(clients).flatMap((versions) => {
    const client = currentVersion(versions);
    return client ? [generationOf(client, ca)] : [];
  }));
  held.delete(keyGeneration(current));
  const free = earlier.filter((v) => !held.has(keyGeneration(v)));
  const waiting = free.filter((v) => v.retireAt && time(v.retireAt) > now);
  const pendingUntil = waiting.map((v) => v.retireAt!).sort()[0];
  return { due: free.filter((v) => !waiting.includes(v)), pendingUntil };
}

/**
 * The generation a client chains to: its `caKey` tag; a client issued before the tag chains to the newest CA version
 * valid from no later than the client itself (certificates of one generation are issued right after their CA).
 */
function generationOf(client: VersionInfo, ca: VersionInfo[]): string {
  if (client.caKey) return client.caKey;
  const issuer = ca.filter((v) => v.stage !== "pending" && v.stage !== "failed" && time(v.notBefore) <= time(client.notBefore))
    .sort((a, b) => time(b.notBefore) - time(a.notBefore))[0];
  return issuer ? keyGeneration(issuer) : "unknown";
}
