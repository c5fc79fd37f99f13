// Which client certificates a cluster's nodes accept. `clientCertificates` (reference §1.2: "the cluster rejects TLS
// clients whose certificate does not chain to one of these") takes effect only after the rolling restart that
// follows a successful cluster write, so the list in force lags the list ARM returns by `restartDelayMs`.
import { X509Certificate } from "node:crypto";
import type { ArmState } from "../arm/state.js";
import type { StateStore } from "../types.js";

export interface TrustRecord {
  applied: string[];
  appliedAt: number;
  pending?: { pems: string[]; dueAt: number };
}

export interface TrustMaterial {
  /** The certificates for the TLS context's `ca`; empty means every client is refused. */
  caPems: string[];
  /** SHA-1 thumbprints, upper-case hex (Azure's notation), of the certificates in force. */
  thumbprints: string[];
}

export interface TrustSettlement {
  /** Clusters whose nodes just restarted with a new list. */
  restarted: string[];
  /** Rolling restarts scheduled by this settlement, in clock ms from now. */
  scheduledInMs: number[];
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Entries that do not parse as certificates are skipped: a real cluster keeps whatever was pasted (brief §3). */
export function trustMaterial(pems: readonly string[]): TrustMaterial {
  const certificates = pems.flatMap((pem) => (pem.match(PEM_BLOCK) ?? []).flatMap((block) => {
    try {
      return [new X509Certificate(block)];
    } catch {
      return [];
    }
  }));
  return {
    caPems: certificates.map((cert) => cert.toString()),
    thumbprints: certificates.map((cert) => cert.fingerprint.replace(/:/g, "").toUpperCase()),
  };
}

export const clientCertificatePems = (properties: Record<string, unknown>): string[] =>
  ((properties.clientCertificates as Array<{ pem?: unknown }> | undefined) ?? []).map((entry) => String(entry?.pem ?? ""));

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((pem, i) => pem === b[i]);

export class ClusterTrust {
  private readonly records: Map<string, TrustRecord>;

  constructor(store: StateStore, private readonly restartDelayMs: number) {
    this.records = store.collection("cassandra.clientTrust");
  }

  record(clusterKey: string): TrustRecord | undefined {
    return this.records.get(clusterKey);
  }

  material(clusterKey: string): TrustMaterial {
    return trustMaterial(this.records.get(clusterKey)?.applied ?? []);
  }

  /**
   * A cluster seen for the first time starts with its list in force (its nodes do not exist yet). Afterwards a list
   * that differs once the cluster is Succeeded again (its write's operation completed) becomes pending and is
   * applied when `restartDelayMs` has passed; a newer write replaces a pending list and restarts the wait.
   */
  settle(state: ArmState, now: number): TrustSettlement {
    const settlement: TrustSettlement = { restarted: [], scheduledInMs: [] };
    for (const key of this.records.keys()) if (!state.clusters.has(key)) this.records.delete(key);
    for (const [key, cluster] of state.clusters) {
      const wanted = clientCertificatePems(cluster.properties);
      const record = this.records.get(key);
      if (!record) {
        this.records.set(key, { applied: wanted, appliedAt: now });
        continue;
      }
      if (cluster.properties.provisioningState === "Succeeded") {
        if (sameList(wanted, record.applied)) delete record.pending;
        else if (!record.pending || !sameList(wanted, record.pending.pems)) {
          record.pending = { pems: wanted, dueAt: now + this.restartDelayMs };
          if (this.restartDelayMs > 0) settlement.scheduledInMs.push(this.restartDelayMs);
        }
      }
      if (record.pending && record.pending.dueAt <= now) {
        this.records.set(key, { applied: record.pending.pems, appliedAt: now });
        settlement.restarted.push(key);
      }
    }
    return settlement;
  }
}
