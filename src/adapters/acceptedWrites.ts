// An ARM write is its initial request; what it leads to is read from the resource itself: the orchestrator polls the
// cluster, data center or endpoint until it settles (architecture.md "phases, not waits"). The generated begin*
// methods also poll the operation once before they return (`await poller.poll()` in every begin method of
// @azure/arm-cosmosdb 16.4.0 and @azure/arm-network 36.0.0). A failure of that poll (a 409, 5xx or timeout on the
// operation-status URL) is not the write's failure: ARM accepted the write. Thrown, it failed the step, and the
// retry or the rollback wrote again into ARM's 409 for the operation in progress (fault matrix "GET cluster
// operation × 409"). An operation that reports Failed or Canceled is the write's outcome and still throws.
import { isOperationOutcome } from "./errors.js";

type Begin = (options: { onResponse: (raw: { status: number }) => void }) => Promise<unknown>;

/** Sends an LRO's initial request (through `begin`) and answers once ARM has accepted it. */
export async function acceptedWrite(begin: Begin): Promise<void> {
  let initial: number | undefined;
  try {
    // The first response the callback sees is the initial request's (error answers included: core-client calls it with them).
    await begin({ onResponse: (raw) => (initial ??= raw.status) });
  } catch (error) {
    if (initial !== undefined && initial >= 200 && initial < 300 && !isOperationOutcome(error)) return;
    throw error;
  }
}
