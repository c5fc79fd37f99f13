// A stopped provisioning as its user sees it (issue 14): the undo that DELETE …?compensate=true starts has a status
// route of the app's own (its id used to answer 404 everywhere), and a stopped saga shows no wait it no longer has.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { requestFor, startProvisioning, untilWaitingForApproval } from "../../support/provisioningScenario.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
});
afterAll(() => world.dispose());

const pathOf = (uri: string) => {
  const url = new URL(uri);
  expect(url.origin).toBe(world.origin());
  return url.pathname;
};

describe("a stopped provisioning", () => {
  it("with compensate=true answers with the undo's own status route, which shows the undo to its end", async () => {
    const id = await startProvisioning(world, requestFor("cass-stop-undo", "10.20.3.90"));
    await untilWaitingForApproval(world, "cass-stop-undo");
    expect((await world.api("GET", `/api/provisionings/${id}`)).body.progress.waitingOn).toMatch(/^approval of cass-stop-undo-pe/);

    const stopped = await world.api("DELETE", `/api/provisionings/${id}?compensate=true`);
    expect(stopped.status).toBe(202);
    const undoPath = pathOf(stopped.body.undo.statusUri);
    expect(undoPath).toBe(`/api/provisionings/${encodeURIComponent(id)}/undo`);
    const running = await world.api("GET", undoPath);
    expect(running.status).toBe(200);
    expect(running.body).toMatchObject({ id: stopped.body.undo.id, provisioningId: id, runtimeStatus: expect.stringMatching(/^(Pending|Running|Completed)$/) });

    await world.runUntil(async () => (await world.api("GET", undoPath)).body.runtimeStatus === "Completed");
    const done = await world.api("GET", undoPath);
    expect(done.body.output.compensation.map((c: { outcome: string }) => c.outcome)).toEqual(["absent", "deleted", "deleted"]);

    const view = await world.api("GET", `/api/provisionings/${id}`);
    expect(view.body.runtimeStatus).toBe("Terminated");
    expect(view.body.progress.step).toBe("awaitApproval");
    expect(view.body.progress).not.toHaveProperty("waitingOn");
    expect(view.body.progress).not.toHaveProperty("nextCheckAt");
  });

  it("with compensate=false shows no stale wait and has no undo", async () => {
    const id = await startProvisioning(world, requestFor("cass-stop-keep", "10.20.3.91"));
    await untilWaitingForApproval(world, "cass-stop-keep");
    expect((await world.api("DELETE", `/api/provisionings/${id}`)).status).toBe(202);
    const view = await world.api("GET", `/api/provisionings/${id}`);
    expect(view.body).toMatchObject({ runtimeStatus: "Terminated", progress: { step: "awaitApproval" } });
    expect(view.body.progress).not.toHaveProperty("waitingOn");
    const undo = await world.api("GET", `/api/provisionings/${id}/undo`);
    expect(undo.status).toBe(404);
    expect(undo.body.error.code).toBe("UndoNotFound");
  });
});
