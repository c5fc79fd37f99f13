// Reads that lag a cluster update (ClusterQuirks.staleReadsMs). azure-rest-api-specs #19021 (cluster) and #19078
// (data center), both open: after an update's CreateUpdate...WaitForCompletion returned, GET still showed the old
// tags "several minutes" longer. Modelled as: while the update runs GET shows it (`Updating`); from the moment its
// operation ends until `staleReadsMs` later GET answers the cluster as it was before the update, `provisioningState`
// included; then the truth. The resource itself changes at once, so the nodes and the control API never lag.
import type { OperationRecord } from "../lro.js";
import type { ArmResource } from "../state.js";

interface Lagging {
  before: ArmResource;
  operation: OperationRecord;
}

export class StaleClusterReads {
  private readonly lagging = new Map<string, Lagging>();

  constructor(private readonly windowMs: number, private readonly now: () => number) {}

  /** An update of the existing cluster `before` started `operation` (its record is the LRO engine's, kept current). */
  updated(key: string, before: ArmResource, operation: OperationRecord): void {
    if (this.windowMs > 0) this.lagging.set(key, { before: structuredClone(before), operation });
  }

  forget(key: string): void {
    this.lagging.delete(key);
  }

  /** What a read of the cluster stored under `key` answers now. */
  visible(key: string, current: ArmResource): ArmResource {
    const lag = this.lagging.get(key);
    const endedAt = lag?.operation.endedAt;
    if (!lag || endedAt === undefined) return current;
    if (this.now() < endedAt + this.windowMs) return lag.before;
    this.lagging.delete(key);
    return current;
  }
}
