// How many ARM writes of a cluster's trust list a rotation in flight is about to make: the fleet holds that many
// of its subscription's write budget back before starting another (src/domain/fleetWindow.ts admit).
/** Writes held back for a rotation in flight whose course is not known yet (it has not decided, or was not read). */
export const UNKNOWN_WRITES = 1;

/**
 * The trust write a running rotation is about to make, from the steps it has begun (rotateClusterCertificates'
 * progress): a CA rotation adds the new CA after creating it (createCa → trustNewCa) and drops the old one once its
 * grace period is over (retireOldCa → verifyAfterRetire); a rollback may restore the list once; a client renewal
 * writes nothing to ARM. Only a write that is next counts: holding tokens back for one due after a grace period
 * would keep the bucket full, and a full bucket refills nothing (docs/performance.md).
 */
export function pendingTrustWrites(steps: readonly string[] | undefined): number {
  if (!steps?.length) return UNKNOWN_WRITES;
  const begun = new Set(steps);
  const step = steps.at(-1);
  if (step === "rollback" || step === "retireOldCa" || step === "createCa" || step === "trustNewCa") return 1;
  return begun.has("issueClients") || begun.has("verifyAfterRetire") ? 0 : UNKNOWN_WRITES;
}
