// The rotation where the service answers every cluster PATCH with 501 NotImplemented (Terraform azurerm: "Service API
// complains it isn't implemented"): each clientCertificates write becomes GET + full PUT, and the first issuance, a
// client renewal and a CA rotation with its retire all complete with the invariant intact. The cluster stays a VPN
// cluster with the properties it was created with, and the entries someone else put in its list (a partner's CA and
// a pasted non-certificate) survive every full PUT byte for byte: the emulator's PUT replaces the list whole.
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRootCa, type PemPair } from "../../../local/emulator/tls/certificates.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import {
  azureClients, certificatesOf, clusterOf, invariantViolations, only, provisionCluster, rotate, runRetireWaker, settleNodes, thumbprintOf, trustedThumbprints, trustEntries,
} from "../../support/rotationScenario.js";
import { clusterIdOf, DEMO_RESOURCE_GROUP } from "../../support/testIds.js";

const CLUSTER = "cass-noptch";
const GARBAGE = "pasted by hand from a wiki page: not a certificate";

let world: LocalWorld;
let provisioned: any;
let created: ReturnType<typeof clusterOf>;
let partnerCa: PemPair;

beforeAll(async () => {
  world = await startLocalWorld({ env: { CA_RETIRE_GRACE: "PT10M" }, emulator: { patchClusterNotImplemented: true } });
  partnerCa = await createRootCa("Partner analytics CA");
  provisioned = await provisionCluster(world, CLUSTER, "10.20.3.10", {
    // Someone else adds a partner's CA and a broken entry the way the az CLI does: GET, then PUT it whole.
    async whileAwaitingApproval() {
      const clusters = azureClients(world).cosmos.cassandraClusters;
      const current = await clusters.get(DEMO_RESOURCE_GROUP, CLUSTER);
      current.properties!.clientCertificates = [{ pem: partnerCa.certPem }, { pem: GARBAGE }];
      await clusters.beginCreateUpdate(DEMO_RESOURCE_GROUP, CLUSTER, current);
      await world.clock.advance(30_000);
      created = structuredClone(clusterOf(world, CLUSTER));
      expect(created.properties.provisioningState).toBe("Succeeded");
    },
  });
});
afterAll(() => world.dispose());

/** The app's writes to the cluster resource itself, as `METHOD status`. */
const clusterWrites = () => world.emulator.requests().requests
  .filter((r) => r.method !== "GET" && r.path.toLowerCase() === clusterIdOf(CLUSTER).toLowerCase()).map((r) => `${r.method} ${r.status}`);

/** What a full PUT must not have changed: everything but our entries, the state and the service's own fields. */
function expectUnchangedButTrust(): void {
  expect(trustEntries(world, CLUSTER).slice(0, 2)).toEqual([partnerCa.certPem, GARBAGE]);
  const now = clusterOf(world, CLUSTER);
  expect(now.properties.azureConnectionMethod).toBe("VPN");
  expect(now.tags).toEqual(created.tags);
  const rest = (c: typeof now) => {
    const { clientCertificates: _c, provisioningState: _p, privateLinkResourceId: _l, seedNodes: _s, ...others } = c.properties;
    return others;
  };
  expect(rest(now)).toEqual(rest(created));
  expect(now.properties.privateLinkResourceId).toBe(provisioned.privateLinkResourceId);
}

describe("clientCertificates when the service does not implement PATCH", () => {
  it("issues the first certificates with GET + full PUT", async () => {
    expect(provisioned.certificates).toMatchObject({ action: "rotateCa" });
    // The app's writes: its create, then the first CA's PATCH refused and put back whole (the test's own PUT between).
    expect(clusterWrites()).toEqual(["PUT 201", "PUT 200", "PATCH 501", "PUT 200"]);
    expect(trustedThumbprints(world, CLUSTER)).toEqual([thumbprintOf(new X509Certificate(partnerCa.certPem)), only((await certificatesOf(world, CLUSTER)).ca, "current").thumbprint]);
    expectUnchangedButTrust();
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });

  it("renews a client (no cluster write needed)", async () => {
    const writes = clusterWrites().length;
    const done = await rotate(world, CLUSTER, { scope: "client" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "renewClient" });
    expect(clusterWrites()).toHaveLength(writes);
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });

  it("rotates the CA: trust and retire both go through full PUTs, and the old CA is gone after the grace period", async () => {
    const oldCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    const writes = clusterWrites().length;
    const done = await rotate(world, CLUSTER, { scope: "ca" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.output).toMatchObject({ action: "rotateCa" });
    expect(clusterWrites().slice(writes)).toEqual(["PATCH 501", "PUT 200"]);
    // The retire is the later run the cluster's waker starts once the grace is over (phases).
    const { rotation: retired } = await runRetireWaker(world, CLUSTER);
    expect(retired.output).toMatchObject({ action: "retireCa" });
    expect(clusterWrites().slice(writes)).toEqual(["PATCH 501", "PUT 200", "PATCH 501", "PUT 200"]);
    const newCa = only((await certificatesOf(world, CLUSTER)).ca, "current");
    expect(trustedThumbprints(world, CLUSTER)).toEqual([thumbprintOf(new X509Certificate(partnerCa.certPem)), newCa.thumbprint]);
    expect(trustedThumbprints(world, CLUSTER)).not.toContain(oldCa.thumbprint);
    await settleNodes(world, CLUSTER);
    expectUnchangedButTrust();
    expect(await invariantViolations(world, CLUSTER)).toEqual([]);
  });
});
