// A CA rotation that fails while promoting (Key Vault refuses to re-tag the client certificate) undoes
// nothing: its certificates are already verified and trusted next to the old ones, so every certificate
// tagged current stays trusted and none is tagged failed. While the client left current still chains to the first CA,
// that CA is not retired; the next CA rotation re-issues it, and the retire run its waker starts retires every earlier CA.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { clientNameOf } from "../../support/testIds.js";
import {
  certificatesOf, invariantViolations, only, provisionCluster, rotate, runRetireWaker, settleNodes, trustedThumbprints, withStage,
} from "../../support/rotationScenario.js";

const CLUSTER = "cass-demo";
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT1M" } });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

describe("a rotation interrupted during promotion", () => {
  it("keeps both CAs trusted, tags nothing failed and keeps the invariant", async () => {
    const firstCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    // Tagging a client version (promotion) is refused; the CA is promoted first, so it is promoted already.
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: `^/certificates/${clientNameOf(CLUSTER)}/[0-9a-f]{32}$` },
      response: { status: 403, body: { error: { code: "Forbidden", message: "not allowed" } } } });
    const failed = await rotate(world, CLUSTER, { scope: "ca" });
    world.emulator.clearFaults();
    expect(failed.runtimeStatus).toBe("Failed");
    expect((failed.customStatus as { steps: Array<{ step: string }> }).steps.map((s) => s.step)).toContain("promote");

    const after = await certificatesOf(world, CLUSTER);
    const newCa = only(after.ca, "current");
    expect(newCa.thumbprint).not.toBe(firstCa.thumbprint);
    expect(trustedThumbprints(world, CLUSTER)).toEqual(expect.arrayContaining([firstCa.thumbprint, newCa.thumbprint]));
    expect([...after.ca, ...Object.values(after.clients).flat()].filter((v) => v.stage === "failed")).toEqual([]);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);

    // Its grace over, the first CA still stays: the client tagged current chains to it (a scheduled check decides so).
    await world.clock.advance(5 * 60_000);
    const held = await rotate(world, CLUSTER);
    expect(held.output).toMatchObject({ action: "none" });
    expect(trustedThumbprints(world, CLUSTER)).toEqual(expect.arrayContaining([firstCa.thumbprint, newCa.thumbprint]));

    // The next CA rotation re-issues the client; the retire after its grace removes every earlier CA of ours.
    const next = await rotate(world, CLUSTER, { scope: "ca" });
    expect(next.runtimeStatus, JSON.stringify(next.output)).toBe("Completed");
    expect(next.output).toMatchObject({ action: "rotateCa", retirePendingUntil: expect.any(String) });
    const { rotation } = await runRetireWaker(world, CLUSTER);
    expect(rotation.output).toMatchObject({ action: "retireCa" });
    const final = await certificatesOf(world, CLUSTER);
    const ours = final.ca.map((v) => v.thumbprint);
    expect(trustedThumbprints(world, CLUSTER).filter((t) => ours.includes(t))).toEqual([only(final.ca, "current").thumbprint]);
    expect(withStage(final.clients.app!, "current")).toHaveLength(1);
    await settleNodes(world, CLUSTER);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
