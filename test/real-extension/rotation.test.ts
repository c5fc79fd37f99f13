// The certificate rotation on the real Durable extension (3.19.0) and Azurite: a client-only renewal and a
// full CA rotation whose old CA stays trusted for the grace period (CA_RETIRE_GRACE, a few seconds here, on
// the real clock) and is then removed; tier one checks the same on virtual time (renewalAndCaRotation.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFor } from "../support/provisioningScenario.js";
import {
  caVersions, certificatesOf, handshakeOutcomes, identityOf, invariantViolations, issuerOf, only, rotationsPath, trustedThumbprints,
} from "../support/rotationScenario.js";
import { clusterIdOf, rotationIdOf, wakerIdOf } from "../support/testIds.js";
import { provisionApproved } from "./support/provisioning.js";
import { FAST_SETTINGS, settledNodes, startRealWorld, type RealWorld } from "./support/realWorld.js";
import { expectStatus } from "./support/status.js";

const CLUSTER = "cass-rx-rot";
let world: RealWorld;
beforeAll(async () => {
  world = await startRealWorld();
  expectStatus(await provisionApproved(world, CLUSTER, requestFor(CLUSTER, "10.20.3.12")), "Completed");
});
afterAll(async () => world?.dispose());

async function rotate(body: unknown) {
  const res = await world.api("POST", rotationsPath(CLUSTER), body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return world.untilTerminal(res.body.id as string, 120_000);
}

describe("rotation on the real extension", () => {
  it("client-only renewal on request: a new current client from the same CA, trust untouched, both clients connect", async () => {
    const azure = world.azureSide();
    const before = await certificatesOf(azure, CLUSTER);
    const oldClient = only(before.clients.app!, "current");
    const trustBefore = trustedThumbprints(azure, CLUSTER);

    const done = await rotate({ scope: "client" });
    expectStatus(done, "Completed");
    expect(done.output).toMatchObject({ action: "renewClient", reasons: ["client app: renewal requested"] });
    expect(done.historyEvents?.filter((e) => e.EventType === "TaskCompleted" && e.FunctionName === "verifyClientCertificate")).not.toHaveLength(0);

    const after = await certificatesOf(azure, CLUSTER);
    const newClient = only(after.clients.app!, "current");
    expect(newClient.version).not.toBe(oldClient.version);
    expect(only(after.clients.app!, "previous").version).toBe(oldClient.version);
    expect(after.ca.map((v) => [v.version, v.stage])).toEqual(before.ca.map((v) => [v.version, v.stage]));
    expect(trustedThumbprints(azure, CLUSTER)).toEqual(trustBefore);
    expect(await handshakeOutcomes(azure, CLUSTER, await identityOf(azure, newClient.name, newClient.version))).toEqual(["ok", "ok", "ok"]);
    expect(await handshakeOutcomes(azure, CLUSTER, await identityOf(azure, oldClient.name, oldClient.version))).toEqual(["ok", "ok", "ok"]);
  });

  it("CA rotation: trusts the new CA beside the old one, ends with the old CA trusted; the waker retires it at retireAt on a durable timer", async () => {
    const azure = world.azureSide();
    const before = await certificatesOf(azure, CLUSTER);
    const oldCa = only(before.ca, "current");
    const oldClient = only(before.clients.app!, "current");
    const oldIdentity = await identityOf(azure, oldClient.name, oldClient.version);

    const done = await rotate({ scope: "ca" });
    expectStatus(done, "Completed");
    const after = await certificatesOf(azure, CLUSTER);
    const newCa = only(after.ca, "current");
    expect(done.output).toMatchObject({ action: "rotateCa", reasons: ["CA rotation requested"], ca: { version: newCa.version } });
    expect(newCa.version).not.toBe(oldCa.version);
    expect(only(after.ca, "previous").version).toBe(oldCa.version);
    const newClient = only(after.clients.app!, "current");
    expect(issuerOf(newClient.cert, caVersions(after.ca))?.version).toBe(newCa.version);

    // Phases (docs/certificates.md): the rotation ends after its promotion with the old CA still trusted; the
    // cluster's waker sleeps on a real durable timer until retireAt and then starts the run that retires it.
    expect(FAST_SETTINGS.CA_RETIRE_GRACE).toBe("PT8S");
    const retireAt = (done.output as { retirePendingUntil?: string }).retirePendingUntil!;
    expect(trustedThumbprints(azure, CLUSTER).sort()).toEqual([oldCa.thumbprint, newCa.thumbprint].sort());
    const waker = await world.untilTerminal(wakerIdOf(CLUSTER), 120_000);
    expectStatus(waker, "Completed");
    // The waker sleeps a little past retireAt: a real timer can fire up to a second early (docs/real-extension.md #4).
    expect((waker.historyEvents ?? []).some((e) => e.EventType === "TimerCreated" && Date.parse(e.FireAt) - Date.parse(retireAt) >= 1_000), "the waker's timer past retireAt").toBe(true);
    const retire = await world.until(rotationIdOf(CLUSTER), (s) => s.runtimeStatus === "Completed" && s.output?.action === "retireCa", "the retire run");
    expect(retire.output).toMatchObject({ action: "retireCa", retired: [{ version: oldCa.version }] });
    const retireWrite = world.emulator.requests().requests.filter((r) => r.method === "PATCH" && r.path.toLowerCase() === clusterIdOf(CLUSTER).toLowerCase()).at(-1)!;
    // Up to a second early: DT.AS queues the TimerFired with visibility FireAt - now (TaskHubQueue.cs), and
    // Azure.Storage.Queues 12.24 sends that as whole seconds, truncated ((int?)visibilityTimeout?.TotalSeconds).
    expect(Date.parse(retireWrite.time)).toBeGreaterThanOrEqual(Date.parse(retireAt) - 1_000);

    expect(trustedThumbprints(azure, CLUSTER)).toEqual([newCa.thumbprint]);
    for (const node of await settledNodes(world, CLUSTER)) expect(node.trustedThumbprints).toEqual([newCa.thumbprint]);
    expect(await handshakeOutcomes(azure, CLUSTER, oldIdentity)).toEqual(["tls", "tls", "tls"]);
    expect(await handshakeOutcomes(azure, CLUSTER, await identityOf(azure, newClient.name, newClient.version))).toEqual(["ok", "ok", "ok"]);
    expect(await invariantViolations(azure, CLUSTER)).toEqual([]);
  });
});
