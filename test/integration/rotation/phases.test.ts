// Rotation as persisted phases (docs/certificates.md "Phases"): a CA rotation ends after promoting, its old CA tagged
// with retireAt in Key Vault. During the grace the cluster's singleton is free, so a new client and a client renewal
// are issued under the new CA at once (their kit fetchable, mTLS with them works); the retire happens when due and only
// then, by the waker or by the timer, and never while a current client chains to the old CA. Oracles: Key Vault's and
// ARM's state read with the tests' own SDK clients, the emulator's nodes, and the tests' own TLS client.
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemBlocks } from "../../../src/domain/pem.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  caVersions, certificatesOf, fireRotationTimer, handshakeOutcomes, identityOf, invariantViolations, issuerOf, only, provisionCluster,
  rotate, runRetireWaker, settleNodes, thumbprintOf, trustedThumbprints,
} from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP, clientNameOf, clusterIdOf, rotationIdOf, wakerIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const GRACE_MS = 2 * 3_600_000;
const ROTATION = rotationIdOf(CLUSTER);

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT2H" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

const clusterWrites = () => world.emulator.requests().requests
  .filter((r) => (r.method === "PATCH" || r.method === "PUT") && r.path.toLowerCase() === clusterIdOf(CLUSTER).toLowerCase());

async function expectConnects(client: string): Promise<void> {
  const v = only((await certificatesOf(world, CLUSTER)).clients[client]!, "current");
  expect(await handshakeOutcomes(world, CLUSTER, await identityOf(world, v.name, v.version)), client).toEqual(["ok", "ok", "ok"]);
}

let oldCa: Awaited<ReturnType<typeof certificatesOf>>["ca"][number];
let retireAt: string;

describe("phases of a CA rotation", () => {
  it("a CA rotation ends after promoting; during its grace a new client and a renewal are issued under the new CA at once", async () => {
    oldCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    const rotated = await rotate(world, CLUSTER, { scope: "ca" });
    expect(rotated.runtimeStatus, JSON.stringify(rotated.output)).toBe("Completed");
    retireAt = (rotated.output as { retirePendingUntil: string }).retirePendingUntil;
    expect(Date.parse(retireAt) - world.clock.now()).toBeGreaterThan(GRACE_MS - 5 * 60_000);
    expect(world.runtime.status(wakerIdOf(CLUSTER))?.runtimeStatus).toBe("Running");
    const newCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    expect(only((await certificatesOf(world, CLUSTER)).ca, "previous").tags.retireAt).toBe(retireAt);

    // The singleton is free: each request is a run of its own that starts and ends now, inside the grace.
    const added = await rotate(world, CLUSTER, { clients: ["reports"] });
    expect(added.output).toMatchObject({ action: "renewClient", reasons: ["client reports: no current certificate"] });
    const renewed = await rotate(world, CLUSTER, { scope: "client", clients: ["app"] });
    expect(renewed.output).toMatchObject({ action: "renewClient", reasons: ["client app: renewal requested"] });
    expect(world.clock.now()).toBeLessThan(Date.parse(retireAt));

    const after = await certificatesOf(world, CLUSTER);
    for (const client of ["reports", "app"]) {
      const current = only(after.clients[client]!, "current");
      expect(issuerOf(current.cert, caVersions(after.ca))?.version, client).toBe(newCa.version);
      expect(current.tags.caKey, `${client} is tagged with its CA's key generation`).toBe(newCa.tags.caKey);
      await expectConnects(client);
    }
    // The new client's connection kit is served, with its certificate, and works.
    const kit = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/connection-kit?client=reports`);
    expect(kit.status).toBe(200);
    const leaf = pemBlocks(kit.body.files["client.crt"]).find((b) => b.type === "CERTIFICATE")!.text;
    expect(thumbprintOf(new X509Certificate(leaf))).toBe(only(after.clients.reports!, "current").thumbprint);
    const identity = await identityOf(world, kit.body.clientKeySecret.secretName, kit.body.clientKeySecret.secretVersion);
    expect(await handshakeOutcomes(world, CLUSTER, identity)).toEqual(["ok", "ok", "ok"]);
    // Still inside the grace: the old CA is trusted.
    expect(trustedThumbprints(world, CLUSTER)).toEqual(expect.arrayContaining([oldCa.thumbprint, newCa.thumbprint]));
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });

  it("the retire happens when due and only then: the timer before retireAt leaves the old CA, the waker then removes it", async () => {
    await world.clock.advanceTo(Date.parse(retireAt) - 60_000);
    const early = await fireRotationTimer(world);
    expect(early.output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { none: 1 } });
    expect(world.runtime.status(ROTATION)?.output).toMatchObject({ action: "none", retirePendingUntil: retireAt });
    expect(trustedThumbprints(world, CLUSTER)).toContain(oldCa.thumbprint);
    const status = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/certificates`);
    expect(status.body.retirePendingUntil).toBe(retireAt);

    const writes = clusterWrites().length;
    const { waker, rotation } = await runRetireWaker(world, CLUSTER);
    expect(waker.output).toMatchObject({ woke: true });
    expect(rotation.output).toMatchObject({ action: "retireCa", retired: [{ version: oldCa.version }] });
    expect(clusterWrites()).toHaveLength(writes + 1);
    expect(Date.parse(clusterWrites().at(-1)!.time)).toBeGreaterThanOrEqual(Date.parse(retireAt));
    expect(trustedThumbprints(world, CLUSTER)).not.toContain(oldCa.thumbprint);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });

  it("never while a current client chains to the old CA: the timer retires it once no current client does", async () => {
    const secondCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    // The CA is promoted, then tagging the client app is refused: app (and reports) stay current under the second CA.
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: `^/certificates/${clientNameOf(CLUSTER)}/[0-9a-f]{32}$` },
      response: { status: 403, body: { error: { code: "Forbidden", message: "not allowed" } } } });
    const failed = await rotate(world, CLUSTER, { scope: "ca" });
    world.emulator.clearFaults();
    expect(failed.runtimeStatus).toBe("Failed");
    const thirdCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    expect(thirdCa.version).not.toBe(secondCa.version);

    // Long after the grace and the backoff: the scheduled check keeps the second CA, its clients are current.
    await world.clock.advance(GRACE_MS + 3 * 3_600_000);
    const held = await fireRotationTimer(world);
    expect(held.output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { none: 1 } });
    expect(world.runtime.status(ROTATION)?.output, "held back by its clients, not by the backoff").not.toHaveProperty("reason");
    expect(trustedThumbprints(world, CLUSTER)).toEqual(expect.arrayContaining([secondCa.thumbprint, thirdCa.thumbprint]));
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);

    // Re-issued under the third CA, no client holds the second one back: the next tick retires it.
    expect((await rotate(world, CLUSTER, { scope: "client" })).output).toMatchObject({ action: "renewClient", clients: {} });
    const retired = await fireRotationTimer(world);
    expect(retired.output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { retireCa: 1 } });
    const ours = (await certificatesOf(world, CLUSTER)).ca.map((v) => v.thumbprint);
    expect(trustedThumbprints(world, CLUSTER).filter((t) => ours.includes(t))).toEqual([thirdCa.thumbprint]);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
