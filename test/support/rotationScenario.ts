// Helpers for the certificate rotation's integration tests: driving the app (provisioning, rotation requests, the
// timer, Key Vault events) through its HTTP API and triggers. What the world then holds is read from the outside, the
// way an operator would, by rotationCertificates.ts (Key Vault) and rotationTrust.ts (ARM, nodes, the invariant),
// re-exported here.
import { expect } from "vitest";
import { demoProvisioningRequest, type LocalWorld } from "./localWorld.js";
import { DEMO_RESOURCE_GROUP, LOCAL_SUBSCRIPTION_ID, rotationIdOf, wakerIdOf } from "./testIds.js";

export * from "./rotationCertificates.js";
export * from "./rotationTrust.js";

export const rotationsPath = (clusterName: string) => `/api/clusters/${DEMO_RESOURCE_GROUP}/${clusterName}/rotations`;

/**
 * Runs the provisioning saga for `clusterName` (endpoint on `ip`) to its end, approving the endpoint as soon as it
 * exists; `whileAwaitingApproval` runs first (the cluster exists then, its certificates do not yet). The saga
 * issues the cluster's first certificates itself (step firstCertificates). `request` overrides fields of the demo
 * request (another resource group or subscription). Returns the saga's output.
 */
export async function provisionCluster(world: LocalWorld, clusterName: string, ip: string,
  options: { whileAwaitingApproval?: () => Promise<void>; request?: Record<string, unknown> } = {}): Promise<any> {
  const request = { ...demoProvisioningRequest(clusterName), ...options.request } as Record<string, any>;
  const res = await world.api("POST", "/api/provisionings", { ...request, privateEndpoint: { ...request.privateEndpoint, ipAddress: ip } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const endpointId = `/subscriptions/${request.subscriptionId ?? LOCAL_SUBSCRIPTION_ID}/resourceGroups/${request.resourceGroup}`
    + `/providers/Microsoft.Network/privateEndpoints/${clusterName}-pe`;
  const endpoint = () => world.emulator.resources().find((r) => r.id.toLowerCase() === endpointId.toLowerCase());
  await world.runUntil(() => Boolean(endpoint()));
  await options.whileAwaitingApproval?.();
  world.emulator.approve({ privateEndpointId: endpoint()!.id, status: "Approved" });
  const done = await world.runtime.waitForCompletion(res.body.id);
  expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
  return done.output;
}

/** POSTs a rotation request and expects 202; returns the body (id, joined …). */
export async function requestRotation(world: LocalWorld, clusterName: string, body: unknown = {}): Promise<any> {
  const res = await world.api("POST", rotationsPath(clusterName), body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body;
}

/** The rotation's current step (its customStatus.step), if it has one. */
export function stepOf(world: LocalWorld, instanceId: string): string | undefined {
  return (world.runtime.status(instanceId)?.customStatus as { step?: string } | null | undefined)?.step;
}

/** The plan an instance was started with (the runtime keeps inputs as the SDK sent them: JSON text for children). */
export function inputOf<T>(world: LocalWorld, instanceId: string): T {
  const input = world.runtime.status(instanceId)?.input;
  return (typeof input === "string" ? JSON.parse(input) : input) as T;
}

/** Fires the rotation timer and runs the fleet check it starts to its end; returns the fleet's final record. */
export async function fireRotationTimer(world: LocalWorld) {
  const fleets = () => world.instances().filter((r) => r.name === "rotateFleetPaced").map((r) => r.instanceId);
  const before = new Set(fleets());
  await world.runtime.fireTimer("rotationTimer");
  const started = fleets().filter((id) => !before.has(id));
  expect(started, "fleet checks started by one timer tick").toHaveLength(1);
  return world.runtime.waitForCompletion(started[0]!);
}

/** POSTs `body` to the runtime's Event Grid webhook for onKeyVaultEvent, as Event Grid delivers; answers the status. */
export async function deliverKeyVaultEvent(world: LocalWorld, body: unknown): Promise<number> {
  const res = await world.runtime.fetch("/runtime/webhooks/eventgrid?functionName=onKeyVaultEvent", {
    method: "POST", headers: { "content-type": "application/json", "aeg-event-type": "Notification" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return res.status;
}

/** POST, then run virtual time until that rotation ends; returns the final record. */
export async function rotate(world: LocalWorld, clusterName: string, body: unknown = {}) {
  const started = await requestRotation(world, clusterName, body);
  return world.runtime.waitForCompletion(started.id);
}

/**
 * Runs virtual time until the cluster's retire waker (scheduled by a CA rotation) has woken and the rotation it started
 * has ended; answers both final records.
 */
export async function runRetireWaker(world: LocalWorld, clusterName: string) {
  const waker = await world.runtime.waitForCompletion(wakerIdOf(clusterName));
  expect(waker.runtimeStatus, JSON.stringify(waker.output)).toBe("Completed");
  const rotation = await world.runtime.waitForCompletion(rotationIdOf(clusterName));
  return { waker, rotation };
}
