// The rotation's triggers on one provisioned cluster: triggers arriving together (POSTs, a Key Vault event) run one
// rotation (the singleton instance id), and the timer skips a cluster whose rotation runs. Events reach the app
// through the runtime's Event Grid webhook, as on Azure (keyVaultEvents.test.ts has the event forms and filtering).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorld } from "../../support/localWorld.js";
import { keyVaultEvents, provisionedWorldWithLogs, type FunctionLogLine, oneCaRotation, versionCount } from "../../support/keyVaultEvents.js";
import { certificatesOf, deliverKeyVaultEvent, rotationsPath, stepOf } from "../../support/rotationScenario.js";
import { caNameOf, provisioningIdOf, rotationIdOf } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
const ROTATION = rotationIdOf(CLUSTER);

let logs: FunctionLogLine[] = [];
let world: LocalWorld;
beforeAll(async () => {
  ({ world, logs } = await provisionedWorldWithLogs(CLUSTER));
});
afterAll(() => world.dispose());

const deliver = (body: unknown) => deliverKeyVaultEvent(world, body);
const { eventGridEvent, currentOf } = keyVaultEvents(() => world, CLUSTER);
const executionsOf = (id: string) => (world.runtime.history(id).filter((e) => e.EventType === 0 /* ExecutionStarted */)).length;

describe("triggers arriving together", () => {
  it("two POSTs at once run one rotation under the cluster's instance id", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const [a, b] = await Promise.all([
      world.api("POST", rotationsPath(CLUSTER), { scope: "ca", reason: "first caller" }),
      world.api("POST", rotationsPath(CLUSTER), { scope: "ca", reason: "second caller" }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect([a.body.id, b.body.id]).toEqual([ROTATION, ROTATION]);
    expect([a.body.joined, b.body.joined].filter(Boolean)).toEqual([true]);

    expect(a.body.statusUri).toBe(`${world.origin()}/api/rotations/${encodeURIComponent(ROTATION)}`);
    expect(a.headers.get("location")).toBe(a.body.statusUri);

    const done = await world.runtime.waitForCompletion(ROTATION);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(executionsOf(ROTATION)).toBe(1);
    const status = await world.api("GET", `/api/rotations/${ROTATION}`);
    expect(status.body).toMatchObject({ id: ROTATION, runtimeStatus: "Completed", output: { action: "rotateCa" }, progress: { step: "done" } });
    expect((await world.api("GET", `/api/rotations/${provisioningIdOf(CLUSTER)}`)).status).toBe(404);
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(oneCaRotation(before));
  });

  it("a POST and a Key Vault event at once run one rotation, and a timer tick while it runs starts nothing", async () => {
    const before = await certificatesOf(world, CLUSTER);
    const caVersion = await currentOf("ca");
    const [post, event] = await Promise.all([
      world.api("POST", rotationsPath(CLUSTER), { scope: "ca" }),
      deliver([eventGridEvent("Microsoft.KeyVault.CertificateNearExpiry", caNameOf(CLUSTER), caVersion)]),
    ]);
    expect(post.status).toBe(202);
    expect(event).toBe(202);
    expect(logs.filter((l) => l.fn === "onKeyVaultEvent" && l.message.includes(ROTATION)).at(-1)?.message)
      .toMatch(new RegExp(`^Microsoft\\.KeyVault\\.CertificateNearExpiry for ${caNameOf(CLUSTER)}: rotation \\S+ (started|already running)$`));

    await world.runUntil(() => stepOf(world, ROTATION) === "trustNewCa");
    const fleetsBefore = world.instances().filter((r) => r.name === "rotateFleetPaced").length;
    await world.runtime.fireTimer("rotationTimer");
    expect(world.instances().filter((r) => r.name === "rotateFleetPaced")).toHaveLength(fleetsBefore);
    expect(logs.filter((l) => l.fn === "rotationTimer").map((l) => l.message)).toContain(`skipped ${CLUSTER}: provisioning or rotation running`);

    const done = await world.runtime.waitForCompletion(ROTATION);
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(executionsOf(ROTATION)).toBe(1);
    expect(versionCount(await certificatesOf(world, CLUSTER))).toEqual(oneCaRotation(before));
  });
});
