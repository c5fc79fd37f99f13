// Reads that lag the rotation's own writes (emulator staleReadsMs; azure-rest-api-specs #19021: after an update's LRO
// GET showed the old value for minutes). Each clientCertificates write is read back until the cluster shows it
// before anything builds on it. Were it not, the stale list would mislead the app: after a verification failure the
// rollback would read the list without the new CA, conclude there is nothing to undo and leave the failed CA
// trusted; after the grace the retire would compute its list from the one before the new CA, dropping it (clobber).
// The oracle is the emulator's request log (when each write was sent, when GETs were answered stale) and its stored
// resource, never the app's own view.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  certificatesOf, clusterOf, invariantViolations, only, provisionCluster, rotate, runRetireWaker, settleNodes, trustedThumbprints,
} from "../../support/rotationScenario.js";
import { clientNameOf, clusterIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-stale";
const LRO_MS = 20_000; // startLocalWorld's lroDelayMs
const STALE_MS = 3 * 60_000;
const GRACE_MS = 60_000;

let world: LocalWorld;
beforeAll(async () => {
  // The grace is shorter than the lag, so the retire would read a stale list if the trust write was not read back.
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT1M" }, emulator: { staleReadsMs: STALE_MS } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
}, 120_000); // the first issuance reads its write back too: about twice the wall time of other worlds' set-up
afterAll(() => world.dispose());

const onCluster = () => world.emulator.requests().requests.filter((r) => r.path.toLowerCase() === clusterIdOf(CLUSTER).toLowerCase());
/** Times of the app's cluster writes after `from` (the trust PATCHes). */
const writesSince = (from: number) => onCluster().filter((r) => r.method === "PATCH" && Date.parse(r.time) >= from).map((r) => Date.parse(r.time));
/** How many GETs of the cluster the emulator answered stale after the write sent at `at` (its LRO ended ≥ LRO_MS later). */
const staleGetsAfter = (at: number) => onCluster()
  .filter((r) => r.method === "GET" && Date.parse(r.time) >= at + LRO_MS + 2_000 && Date.parse(r.time) < at + LRO_MS + STALE_MS).length;
const stepStart = (record: { customStatus: unknown }, step: string) =>
  Date.parse((record.customStatus as { steps: Array<{ step: string; startedAt: string }> }).steps.find((s) => s.step === step)!.startedAt);

describe("the rotation reads its own clientCertificates writes back", () => {
  it("CA rotation: verifies only once the trust shows, and retires from the list the cluster really has", async () => {
    const oldCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    const from = world.clock.now();
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    const newCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    expect(newCa.version).not.toBe(oldCa.version);
    // The run ends with both CAs trusted; the retire is the later run the cluster's waker starts (phases).
    expect(trustedThumbprints(world, CLUSTER).sort()).toEqual([oldCa.thumbprint, newCa.thumbprint].sort());
    const { rotation: retired } = await runRetireWaker(world, CLUSTER);
    expect(retired.runtimeStatus, JSON.stringify(retired.output)).toBe("Completed");
    expect(trustedThumbprints(world, CLUSTER)).toEqual([newCa.thumbprint]);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
    const [trust, retire] = writesSince(from);
    expect(writesSince(from)).toHaveLength(2);
    // The app did read while the emulator answered with the list before each write...
    expect(staleGetsAfter(trust!)).toBeGreaterThan(0);
    expect(staleGetsAfter(retire!)).toBeGreaterThan(0);
    // ...and built on each write only after the lag was over.
    expect(stepStart(done, "issueClients")).toBeGreaterThanOrEqual(trust! + LRO_MS + STALE_MS);
    expect(retire! - trust!).toBeGreaterThanOrEqual(LRO_MS + STALE_MS + GRACE_MS);
    expect(stepStart(retired, "verifyAfterRetire")).toBeGreaterThanOrEqual(retire! + LRO_MS + STALE_MS);
  });

  it("rollback after a failed verification: the failed CA leaves the list for real, read back before the run ends", async () => {
    const before = trustedThumbprints(world, CLUSTER);
    // The new client's key cannot be read for the check (Key Vault 403), so verification fails once the trust shows.
    world.emulator.addFault({ match: { method: "GET", pathPattern: `/secrets/${clientNameOf(CLUSTER)}/[0-9a-f]{32}$` }, times: 1,
      response: { status: 403, body: { error: { code: "Forbidden", message: "The user does not have secrets get permission." } } } });
    const from = world.clock.now();
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    expect(done.runtimeStatus).toBe("Failed");
    expect(String(done.output)).toMatch(/verify: permanent: .*403 Forbidden.*Rolled back\.$/);
    const failed = (await certificatesOf(world, CLUSTER)).ca.filter((v) => v.stage === "failed");
    expect(failed).toHaveLength(1);
    expect(trustedThumbprints(world, CLUSTER)).toEqual(before);
    expect(trustedThumbprints(world, CLUSTER)).not.toContain(failed[0]!.thumbprint);
    expect(clusterOf(world, CLUSTER).properties.provisioningState).toBe("Succeeded");
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
    const [trust, untrust] = writesSince(from);
    expect(writesSince(from)).toHaveLength(2);
    expect(staleGetsAfter(untrust!)).toBeGreaterThan(0);
    expect(stepStart(done, "failed")).toBeGreaterThanOrEqual(untrust! + LRO_MS + STALE_MS);
    expect(untrust! - trust!).toBeGreaterThanOrEqual(LRO_MS + STALE_MS);
  });
});
