// Backoff after failed rotations (docs/certificates.md "Backoff"): a scheduled renewal that fails is recorded on the
// current CA version's tags (failures, lastFailure, nextAttemptAt); timer ticks before nextAttemptAt make no new Key
// Vault version, the first one after it retries (and a second failure doubles the wait); an explicit request still
// runs, and its success clears the state. Oracles: the emulator's request log (certificate creates) and Key Vault's tags.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RotationPlan } from "../../../src/domain/rotationPlan.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { certificatesOf, fireRotationTimer, inputOf, invariantViolations, only, provisionCluster, rotate } from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP, caNameOf, clusterIdOf, rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const HOUR = 3_600_000;
const FLEET_ENTRY = clusterIdOf(CLUSTER);
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

/** Key Vault writes that start a certificate version (POST …/create), as the emulator logged them. */
const versionCreates = () => world.emulator.requests().requests.filter((r) => r.method === "POST" && /^\/certificates\/[^/]+\/create$/.test(r.path)).length;
/** Signatures asked of the CA key (POST /keys/…/sign), refused or not: each is an attempt to issue. */
const signAttempts = () => world.emulator.requests().requests.filter((r) => r.method === "POST" && /^\/keys\/[^/]+\/[0-9a-f]{32}\/sign$/.test(r.path)).length;
const certificatesRoute = async () => (await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/certificates`)).body;
const currentCaTags = async () => only((await certificatesOf(world, CLUSTER)).ca, "current").tags;

describe("backoff after failed rotations", () => {
  it("skips the failing cluster on timer ticks until nextAttemptAt, then retries with a doubled wait; an explicit request still runs", async () => {
    // Move virtual time past the client's renewal point: every scheduled check now has work to do.
    const client = only((await certificatesOf(world, CLUSTER)).clients.app!, "current");
    const { clientRenewFraction } = inputOf<RotationPlan>(world, rotationIdOf(CLUSTER)).policy;
    const notBefore = Date.parse(client.cert.validFrom);
    const notAfter = Date.parse(client.cert.validTo);
    await world.clock.advanceTo(notAfter - clientRenewFraction * (notAfter - notBefore) + 60_000);
    // Key Vault refuses every signature with the CA key: each renewal fails after starting a client version.
    world.emulator.addFault({ match: { method: "POST", pathPattern: `/keys/${caNameOf(CLUSTER)}/[0-9a-f]{32}/sign$` },
      response: { status: 403, body: { error: { code: "Forbidden", message: "The user does not have keys sign permission." } } } });

    const creates0 = versionCreates();
    const signs0 = signAttempts();
    const first = await fireRotationTimer(world);
    expect(first.output).toMatchObject({ total: 1, failed: 1, failures: [{ cluster: FLEET_ENTRY, error: expect.stringMatching(/issueClients/) }] });
    const failedAt = world.clock.now();
    expect(versionCreates()).toBe(creates0 + 1);
    expect(signAttempts()).toBe(signs0 + 1);
    const tags1 = await currentCaTags();
    expect(tags1).toMatchObject({ failures: "1", lastFailure: expect.stringMatching(/^issueClients: permanent: .*403/) });
    expect(Date.parse(tags1.nextAttemptAt!) - failedAt).toBeGreaterThan(0.9 * HOUR);
    expect(Date.parse(tags1.nextAttemptAt!) - failedAt).toBeLessThanOrEqual(HOUR);
    const shown = await certificatesRoute();
    expect(shown.backoff).toEqual({ failures: 1, lastFailure: tags1.lastFailure, nextAttemptAt: tags1.nextAttemptAt });

    // Ticks during the backoff: the run decides none (backoff) and no Key Vault version is started.
    for (const minutes of [10, 20, 30]) {
      await world.clock.advanceTo(failedAt + minutes * 60_000);
      expect((await fireRotationTimer(world)).output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { none: 1 } });
      expect(world.runtime.status(rotationIdOf(CLUSTER))?.output).toMatchObject({ action: "none", reason: "backoff", nextAttemptAt: tags1.nextAttemptAt });
    }
    expect(versionCreates()).toBe(creates0 + 1);
    expect(signAttempts()).toBe(signs0 + 1);

    // After nextAttemptAt the tick retries; it fails again and the wait doubles.
    await world.clock.advanceTo(Date.parse(tags1.nextAttemptAt!) + 60_000);
    expect((await fireRotationTimer(world)).output).toMatchObject({ total: 1, failed: 1, failures: [{ cluster: FLEET_ENTRY, error: expect.stringMatching(/issueClients/) }] });
    // (It picks up the client version the first attempt left pending rather than starting another: Key Vault allows one.)
    expect(signAttempts()).toBe(signs0 + 2);
    expect(versionCreates()).toBe(creates0 + 1);
    const tags2 = await currentCaTags();
    expect(tags2.failures).toBe("2");
    expect(Date.parse(tags2.nextAttemptAt!) - world.clock.now()).toBeGreaterThan(1.9 * HOUR);

    // An explicit request runs during the backoff; its success clears it.
    world.emulator.clearFaults();
    const done = await rotate(world, CLUSTER, { scope: "client" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "renewClient" });
    expect(await currentCaTags()).not.toHaveProperty("failures");
    expect(await currentCaTags()).not.toHaveProperty("nextAttemptAt");
    expect((await certificatesRoute()).backoff).toBeUndefined();
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
