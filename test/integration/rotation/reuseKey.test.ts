// CA_RENEWAL_KEY=reuse: the CA certificate is renewed as a new Key Vault version on the same non-exportable key (same
// subject), trusted next to the old one with one ARM write; no client is re-issued, and the clients issued under the old
// version keep connecting after that version is retired. Oracles: the certificates' own keys and signatures (node:crypto),
// the emulator's request log and nodes, and the tests' own TLS client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  certificatesOf, handshakeOutcomes, identityOf, invariantViolations, issuersOf, caVersions, only, provisionCluster, rotate, runRetireWaker,
  settleNodes, trustedThumbprints, versionsOf,
} from "../../support/rotationScenario.js";
import { clientNameOf, clusterIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RENEWAL_KEY: "reuse", CA_RETIRE_GRACE: "PT1H" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

const clusterWrites = () => world.emulator.requests().requests
  .filter((r) => (r.method === "PATCH" || r.method === "PUT") && r.path.toLowerCase() === clusterIdOf(CLUSTER).toLowerCase()).length;
const spki = (cert: { publicKey: { export(o: { type: "spki"; format: "der" }): Buffer } }) => cert.publicKey.export({ type: "spki", format: "der" }).toString("base64");

describe("CA renewal on the same key", () => {
  it("renews the CA with one trust write and no client re-issued; the old clients keep connecting after the old version is retired", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const oldCa = only(before.ca, "current");
    const client = only(before.clients.app!, "current");
    const identity = await identityOf(world, client.name, client.version);
    const clientVersions = (await versionsOf(world, clientNameOf(CLUSTER))).length;
    const writes = clusterWrites();

    const done = await rotate(world, CLUSTER, { scope: "ca" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "rotateCa", caKey: "reused", clients: {}, retirePendingUntil: expect.any(String) });
    expect(clusterWrites() - writes, "ARM writes of the cluster (PATCH/PUT)").toBe(1);
    expect((await versionsOf(world, clientNameOf(CLUSTER))).length, "client versions").toBe(clientVersions);

    const after = await certificatesOf(world, CLUSTER);
    const renewed = only(after.ca, "current");
    expect(renewed.version).not.toBe(oldCa.version);
    expect(renewed.thumbprint).not.toBe(oldCa.thumbprint);
    expect(spki(renewed.cert)).toBe(spki(oldCa.cert));
    expect(renewed.cert.subject).toBe(oldCa.cert.subject);
    expect(renewed.cert.ca).toBe(true);
    expect(renewed.cert.verify(renewed.cert.publicKey)).toBe(true);
    // Signing keeps real time (the nodes check validity against it), and both versions may be signed in one second.
    expect(Date.parse(renewed.cert.validFrom)).toBeGreaterThanOrEqual(Date.parse(oldCa.cert.validFrom));
    expect(Date.parse(renewed.cert.validTo)).toBeGreaterThanOrEqual(Date.parse(oldCa.cert.validTo));
    // The client signed by the old version verifies under the renewed one too.
    expect(issuersOf(client.cert, caVersions(after.ca)).map((v) => v.version).sort()).toEqual([oldCa.version, renewed.version].sort());
    expect(only(after.clients.app!, "current").version).toBe(client.version);
    expect(trustedThumbprints(world, CLUSTER)).toEqual(expect.arrayContaining([oldCa.thumbprint, renewed.thumbprint]));
    await settleNodes(world, CLUSTER);
    expect(await handshakeOutcomes(world, CLUSTER, identity)).toEqual(["ok", "ok", "ok"]);

    // The clients chain to the key generation the renewed CA shares: they do not hold the old version back.
    const { rotation } = await runRetireWaker(world, CLUSTER);
    expect(rotation.output).toMatchObject({ action: "retireCa", retired: [{ version: oldCa.version }] });
    expect(trustedThumbprints(world, CLUSTER)).not.toContain(oldCa.thumbprint);
    for (const node of await settleNodes(world, CLUSTER)) expect(node.trustedThumbprints).not.toContain(oldCa.thumbprint);
    expect(await handshakeOutcomes(world, CLUSTER, identity)).toEqual(["ok", "ok", "ok"]);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
