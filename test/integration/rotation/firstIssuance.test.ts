// First issuance, run by the provisioning saga (step firstCertificates) as the cluster's rotation, its singleton started
// through the durable client (never a sub-orchestration on the singleton's id): a CA in Key Vault with a non-exportable key, a client certificate signed by it, the CA trusted by the cluster,
// and a real mTLS check to every node. A later POST /rotations finds nothing due.
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orchestrationVersion } from "../../../src/names.js";
import { demoProvisioningRequest, startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { DEMO_RESOURCE_GROUP, provisioningIdOf, rotationIdOf } from "../../support/testIds.js";

let world: LocalWorld;
let provisioned: any;
beforeAll(async () => {
  world = await startLocalWorld();
  const started = await world.api("POST", "/api/provisionings", demoProvisioningRequest());
  await world.runUntil(() => world.emulator.resources().some((r) => r.type === "Microsoft.Network/privateEndpoints"));
  const endpoint = world.emulator.resources().find((r) => r.type === "Microsoft.Network/privateEndpoints")!;
  world.emulator.approve({ privateEndpointId: endpoint.id, status: "Approved" });
  const done = await world.runtime.waitForCompletion(started.body.id);
  expect(done.runtimeStatus).toBe("Completed");
  provisioned = done.output;
});
afterAll(() => world.dispose());

const rotationId = rotationIdOf("cass-demo");

describe("first issuance", () => {
  it("creates the CA and the client certificate, trusts the CA and verifies the client over mTLS", async () => {
    const done = world.runtime.status(rotationId)!;
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(done.parent ?? null).toBeNull();
    // The version the app stamps (names.ts orchestrationVersion); locally host.json's default agrees, so this cannot tell
    // which of the two set it: the real-extension tier is where that shows.
    expect(done.version).toBe(orchestrationVersion);
    expect((done.input as { reason: string }).reason).toBe("first issuance by provisioning");
    expect(done.output).toMatchObject({ action: "rotateCa", clients: { app: { version: expect.any(String) } } });
    expect(provisioned.certificates).toEqual(done.output);

    const cluster = world.emulator.resources().find((r) => r.type === "Microsoft.DocumentDB/cassandraClusters")!;
    const trusted = (cluster.properties.clientCertificates as Array<{ pem: string }>).map((c) => new X509Certificate(c.pem));
    expect(trusted).toHaveLength(1);
    expect(trusted[0]!.ca).toBe(true);
    expect(trusted[0]!.fingerprint.replace(/:/g, "")).toBe((done.output as any).ca.thumbprint);
  });

  it("shows stages, thumbprints and trust on GET /certificates", async () => {
    const res = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/cass-demo/certificates`);
    expect(res.status).toBe(200);
    const current = res.body.ca.versions.find((v: any) => v.stage === "current");
    expect(current).toMatchObject({ trustedByCluster: true });
    expect(res.body.clients.app.versions.filter((v: any) => v.stage === "current")).toHaveLength(1);
    expect(res.body.nextRotation.action).toBe("none");
  });

  it("finds nothing due on a later POST /rotations", async () => {
    const res = await world.api("POST", `/api/clusters/${DEMO_RESOURCE_GROUP}/cass-demo/rotations`, {});
    expect(res.status).toBe(202);
    expect(res.body.id).toBe(rotationId);
    const done = await world.runtime.waitForCompletion(rotationId);
    expect(done.output).toMatchObject({ action: "none", nextCheckAt: expect.any(String) });
  });
});
