// A saga's failure reads as sentences: a reason that already ends with a period (Azure's error messages and the
// provisioning errors of failed LROs do) gets no second one when the saga appends what it undid (issue 13).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { requestFor, startProvisioning, untilEnded } from "../../support/provisioningScenario.js";
import { provisionCluster, rotate } from "../../support/rotationScenario.js";
import { caNameOf } from "../../support/testIds.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { OPERATION_POLL_INTERVAL: "PT30S", OPERATION_TIMEOUT: "PT30M" } });
});
afterAll(() => world.dispose());

describe("failure messages", () => {
  it("an operation that ends Failed is reported with one period before what was undone", async () => {
    world.emulator.addFault({ match: { method: "PUT", pathPattern: "/cassandraClusters/cass-msg-lro$" }, response: { lroStatus: "Failed" }, times: 1 });
    await startProvisioning(world, requestFor("cass-msg-lro", "10.20.3.60"));
    const failed = await untilEnded(world, "cass-msg-lro");
    expect(failed.error).toContain("(fault rule lroStatus: Failed). Compensation: delete cluster cass-msg-lro: deleted.");
    expect(failed.error).not.toMatch(/\.\./);
  });

  it("a rotation whose step failed with a sentence is reported with one period before 'Rolled back'", async () => {
    await provisionCluster(world, "cass-msg-rot", "10.20.3.61");
    world.emulator.addFault({
      match: { method: "POST", pathPattern: `^/certificates/${caNameOf("cass-msg-rot")}/create$` },
      response: { status: 400, body: { error: { code: "BadParameter", message: "The policy is not valid." } } },
      times: 1,
    });
    const done = await rotate(world, "cass-msg-rot", { scope: "ca" });
    expect(done.runtimeStatus).toBe("Failed");
    expect(String(done.output)).toContain("The policy is not valid. Rolled back.");
    expect(String(done.output)).not.toMatch(/\.\./);
  });
});
