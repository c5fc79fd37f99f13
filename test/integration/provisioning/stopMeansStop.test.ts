// DELETE of a provisioning stops what it started: its approval wait and the cluster's first-certificates rotation
// (terminating an instance does not stop what it started, host-and-service.md §7), and the stopped saga's status
// shows no wait any more.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { decideEndpoint, idsFor, requestFor, startProvisioning, untilWaitingForApproval } from "../../support/provisioningScenario.js";
import { rotationIdOf } from "../../support/testIds.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
});
afterAll(() => world.dispose());

const status = (id: string) => world.runtime.status(id)?.runtimeStatus;
const stepOf = (id: string) => (world.runtime.status(id)?.customStatus as { step?: string } | null)?.step;

describe("stopping a provisioning", () => {
  it("during its first certificates also stops that rotation, and no wait is shown afterwards", async () => {
    const name = "cass-stop-certs";
    const ids = idsFor(name);
    await startProvisioning(world, requestFor(name, "10.20.3.60"));
    await untilWaitingForApproval(world, name);
    decideEndpoint(world, name, "Approved");
    // The rotation waits for the cluster to apply the new CA (an LRO of 20 virtual seconds): stop it there.
    await world.runUntil(() => stepOf(rotationIdOf(name)) === "trustNewCa");
    expect(status(rotationIdOf(name))).toBe("Running");
    expect((world.runtime.status(ids.provisioning)?.customStatus as { waitingOn?: string }).waitingOn).toContain(`rotation ${rotationIdOf(name)}`);

    const res = await world.api("DELETE", `/api/provisionings/${ids.provisioning}?compensate=false`);
    expect(res.status).toBe(202);
    expect(status(ids.provisioning)).toBe("Terminated");
    expect(status(rotationIdOf(name))).toBe("Terminated");
    const view = await world.api("GET", `/api/provisionings/${ids.provisioning}`);
    expect(view.body.runtimeStatus).toBe("Terminated");
    expect(view.body.progress.waitingOn).toBeUndefined();
  });
});
