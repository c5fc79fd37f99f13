// A rotation request that arrives while the cluster's singleton runs a write phase whose plan does not cover it is
// never silently joined: it answers 202 with queuedBehind (the running instance) and the id of a queue instance whose
// status is on the app's own route, and it is carried out after the running run ends. One the running plan covers joins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  caVersions, certificatesOf, handshakeOutcomes, identityOf, invariantViolations, issuerOf, only, provisionCluster, requestRotation, rotationsPath, stepOf,
} from "../../support/rotationScenario.js";
import { rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const ROTATION = rotationIdOf(CLUSTER);

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT1H" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

async function expectConnects(client: string): Promise<void> {
  const v = only((await certificatesOf(world, CLUSTER)).clients[client]!, "current");
  expect(await handshakeOutcomes(world, CLUSTER, await identityOf(world, v.name, v.version)), client).toEqual(["ok", "ok", "ok"]);
}

describe("a request while a write phase runs", () => {
  it("answers 202 queuedBehind the running rotation, shows it on the app's own status route, and is carried out after it", async () => {
    const running = await requestRotation(world, CLUSTER, { scope: "ca" });
    expect(running.id).toBe(ROTATION);
    await world.runUntil(() => stepOf(world, ROTATION) === "trustNewCa");

    const res = await world.api("POST", rotationsPath(CLUSTER), { clients: ["etl"] });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ queuedBehind: ROTATION, id: expect.stringMatching(/^queue:/) });
    expect(res.body.joined).toBeUndefined();
    const statusPath = new URL(res.body.statusUri).pathname;
    expect(statusPath).toBe(`/api/rotations/${encodeURIComponent(res.body.id)}`);
    expect(res.headers.get("location")).toBe(res.body.statusUri);
    const queued = await world.api("GET", statusPath);
    expect(queued.status).toBe(200);
    expect(queued.body.progress).toMatchObject({ step: "queued", details: { queuedBehind: ROTATION } });
    // The same request again finds the same queue entry; one the running plan covers joins it.
    expect((await world.api("POST", rotationsPath(CLUSTER), { clients: ["etl"] })).body.id).toBe(res.body.id);
    expect((await world.api("POST", rotationsPath(CLUSTER), { scope: "ca" })).body).toMatchObject({ id: ROTATION, joined: true });

    const done = await world.runtime.waitForCompletion(res.body.id);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ queuedBehind: ROTATION, rotation: ROTATION, output: { action: "renewClient", reasons: ["client etl: no current certificate"] } });
    const after = await certificatesOf(world, CLUSTER);
    const etl = only(after.clients.etl!, "current");
    // Issued after the CA rotation it waited for: under that rotation's CA.
    expect(issuerOf(etl.cert, caVersions(after.ca))?.version).toBe(only(after.ca, "current").version);
    await expectConnects("etl");
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
