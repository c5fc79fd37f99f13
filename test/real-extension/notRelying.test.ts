// The app must not rely on the two behaviours where the local runtime and the real extension part ways
// (host-and-service.md #1, #2; wire.test.ts shows each on a fixture): a custom status of 17 KB or more fails
// the instance after the JS code returned, and a sub-orchestration started under a running instance's id
// replaces that instance. Each test drives the app into the situation and asks for the outcome a user needs.
//
// Both were seen failing on 3.19.0 + Azurite before the app stopped relying on them: the 100-node provisioning
// ended Failed ("Non-Deterministic workflow detected", wire.test.ts shows why) with a ~19 KB status, and the
// fleet's callSubOrchestrator under the cluster's rotation id replaced the operator's running CA rotation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/localWorld.js";
import { decideEndpoint, requestFor, resourcesOf } from "../support/provisioningScenario.js";
import { invariantViolations, rotationsPath } from "../support/rotationScenario.js";
import { rotationIdOf } from "../support/testIds.js";
import { provisionApproved, startProvisioning, untilWaitingForApproval } from "./support/provisioning.js";
import { startRealWorld, type RealWorld } from "./support/realWorld.js";
import { expectStatus } from "./support/status.js";

let world: RealWorld;
beforeAll(async () => {
  // One rotation at a time, so the fleet reaches the second cluster only after the first one's rotation.
  world = await startRealWorld({ env: { ROTATION_MAX_CONCURRENCY: "1" } });
});
afterAll(async () => world?.dispose());

// Each situation is set up by its own `it`, so a broken set-up is reported as such, not as the outcome.
describe("the app does not rely on what the real extension does differently", () => {
  const big = `cass-rx-big-${"n".repeat(40)}`;
  let bigId = "";
  it("set-up: a provisioning of 100 nodes and 10 clients with long names is approved", async () => {
    const clients = Array.from({ length: 10 }, (_, i) => `client-${i}-${"c".repeat(22)}`);
    const request = requestFor(big, "10.20.3.50", { clients });
    request.datacenter = { ...request.datacenter, nodeCount: 100 };
    bigId = await startProvisioning(world, request);
    await untilWaitingForApproval(world, big, bigId);
    decideEndpoint(world.azureSide(), big, "Approved");
  });

  it("it completes: its final custom status stays under 17 KB", async () => {
    const done = await world.untilTerminal(bigId, 180_000);
    expectStatus(done, "Completed");
    expect(done.output.nodes).toHaveLength(100);
    expect(2 * JSON.stringify(done.customStatus ?? null).length).toBeLessThan(17 * 1024);
  });

  const [a, b] = ["cass-rx-fa", "cass-rx-fb"];
  it("set-up: the fleet is under way on one cluster when an operator starts a CA rotation of the next one", async () => {
    // The fleet goes through clusters in ARM's listing order, which is creation order: a's cluster first.
    const first = provisionApproved(world, a, requestFor(a, "10.20.3.61"));
    await eventually(() => resourcesOf(world.azureSide(), a).length > 0, `cluster ${a} created`, 30_000);
    expect((await Promise.all([first, provisionApproved(world, b, requestFor(b, "10.20.3.62"))])).map((s) => s.runtimeStatus)).toEqual(["Completed", "Completed"]);
    // The fleet's check of the first cluster reads its trust list (repairTrust): ARM answers that read in 10 s.
    // The operator's CA rotation of the second one trusts its new CA with a PATCH that ARM accepts only after
    // 30 s, so it is certainly running when the fleet moves on to that cluster.
    world.emulator.addFault({ match: { method: "GET", pathPattern: `/cassandraClusters/${a}$` }, response: { delayMs: 10_000 }, times: 1 });
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: `/cassandraClusters/${b}$` }, response: { delayMs: 30_000 }, times: 1 });
    await world.ext.fireTimer("rotationTimer");
    await world.until(rotationIdOf(a), (s) => s.runtimeStatus === "Running", "the fleet's rotation of the first cluster");

    const res = await world.api("POST", rotationsPath(b), { scope: "ca", reason: "operator asked" });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.joined).toBeUndefined();
    expect((await world.status(rotationIdOf(b)))?.input).toMatchObject({ reason: "operator asked" });
  });

  it("the operator's rotation is not replaced when the fleet reaches that cluster", async () => {
    const done = await world.untilTerminal(rotationIdOf(b), 120_000);
    expect(done.input).toMatchObject({ reason: "operator asked" });
    expectStatus(done, "Completed");
    expect(done.output).toMatchObject({ action: "rotateCa" });
    expect(done.historyEvents?.filter((e) => e.EventType === "ExecutionStarted")).toHaveLength(1);
    expect(await invariantViolations(world.azureSide(), b)).toEqual([]);
  });
});
