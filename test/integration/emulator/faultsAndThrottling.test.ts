// Fault rules and ARM throttling as the SDK's retry policy meets them (reference §7.3). The emulator's delays are
// held until the test releases them (heldDelays), so the delay rule is checked without reading a wall clock.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { heldDelays } from "../../support/heldDelays.js";
import { bearer, LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";
import { armClients, closeConforming, clusterPath, COSMOS_API, createVpnCluster, rawRequest, startQuietEmulator } from "./support.js";

vi.mock("node:timers/promises", async (importOriginal) => (await import("../../support/heldDelays.js")).withHeldSetTimeout(await importOriginal()));

const hits = (emulator: Emulator, path: string) => emulator.requests().requests.filter((r) => r.path === path);

describe("fault rules against the real SDK", () => {
  let emulator: Emulator;
  let clients: ReturnType<typeof armClients>;
  beforeAll(async () => {
    emulator = await startQuietEmulator();
    clients = armClients(emulator, { retryDelayInMs: 5 });
    await createVpnCluster(emulator, "faulty");
  });
  afterAll(() => closeConforming(emulator));

  it("retries a 429 that carries retry-after-ms, once", async () => {
    emulator.clearRequests();
    emulator.addFault({ match: { method: "GET", pathPattern: "/cassandraClusters/faulty$" }, times: 1,
      response: { status: 429, headers: { "retry-after-ms": "10" }, body: { error: { code: "TooManyRequests", message: "slow down" } } } });
    const cluster = await clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "faulty");
    expect(cluster.name).toBe("faulty");
    expect(hits(emulator, clusterPath("faulty")).map((r) => r.status)).toEqual([429, 200]);
  });

  it("does not retry a 429 without any Retry-After header", async () => {
    emulator.clearRequests();
    emulator.addFault({ match: { pathPattern: "/cassandraClusters/faulty$" }, times: 1,
      response: { status: 429, body: { error: { code: "TooManyRequests", message: "slow down" } } } });
    await expect(clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "faulty")).rejects.toMatchObject({ statusCode: 429, code: "TooManyRequests" });
    expect(hits(emulator, clusterPath("faulty"))).toHaveLength(1);
  });

  it("retries a dropped connection and a 503", async () => {
    emulator.clearRequests();
    emulator.addFault({ match: { method: "GET", pathPattern: "/cassandraClusters/faulty$" }, times: 1, response: { drop: true } });
    emulator.addFault({ match: { method: "GET", pathPattern: "/cassandraClusters/faulty$" }, times: 1, response: { status: 503 } });
    await clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "faulty");
    expect(hits(emulator, clusterPath("faulty")).map((r) => r.status)).toEqual([0, 503, 200]);
  });

  it("delays a matching request before answering it normally", async () => {
    emulator.clearRequests();
    const rule = emulator.addFault({ match: { pathPattern: "/cassandraClusters/faulty$" }, times: 1, response: { delayMs: 60_000 } });
    let answered = false;
    const delayed = clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "faulty").finally(() => (answered = true));
    const unheld = (what: string) => () => Promise.reject(new Error(`${what} was answered without the emulator delaying it`));
    const held = await Promise.race([heldDelays.next(), delayed.then(unheld("the matching request"))]);
    expect(held.ms).toBe(60_000);
    // While it is held, the rule is used up and another request to the same path is answered without a delay.
    expect(emulator.faults()).toEqual([]);
    const another = clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "faulty");
    const second = await Promise.race([another, heldDelays.next().then(() => Promise.reject(new Error("the next request was delayed too")))]);
    expect(second.name).toBe("faulty");
    expect(answered).toBe(false);
    expect(hits(emulator, clusterPath("faulty")).map((r) => [r.status, r.note])).toEqual([[200, undefined]]);
    held.release();
    expect((await delayed).name).toBe("faulty");
    expect(hits(emulator, clusterPath("faulty")).map((r) => [r.status, r.note])).toEqual([[200, undefined], [200, `fault ${rule}`]]);
    expect(heldDelays.outstanding()).toBe(0);
  });

  it("ends the next LRO Failed: the poller throws and the cluster carries provisionError", async () => {
    emulator.addFault({ match: { method: "PATCH", pathPattern: "/cassandraClusters/faulty$" }, times: 1, response: { lroStatus: "Failed" } });
    await expect(clients.cosmos.cassandraClusters.beginUpdateAndWait(TEST_RESOURCE_GROUP, "faulty", { properties: { repairEnabled: false } }, { updateIntervalInMs: 1 }))
      .rejects.toThrow(/^The long-running operation has failed\. InjectedFault\./);
    const cluster = await clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "faulty");
    expect(cluster.properties?.provisioningState).toBe("Failed");
    expect(cluster.properties?.provisionError?.code).toBe("InjectedFault");
    // The rule was used up: the next write succeeds and clears the error.
    await clients.cosmos.cassandraClusters.beginUpdateAndWait(TEST_RESOURCE_GROUP, "faulty", { properties: { repairEnabled: false } }, { updateIntervalInMs: 1 });
    const healed = await clients.cosmos.cassandraClusters.get(TEST_RESOURCE_GROUP, "faulty");
    expect(healed.properties?.provisioningState).toBe("Succeeded");
    expect(healed.properties?.provisionError).toBeUndefined();
  });

  it("manages rules over HTTP: add, list, reject a bad pattern, clear", async () => {
    const added = await rawRequest(emulator, "POST", "/_emulator/faults", { body: { match: { pathPattern: "^/nowhere$" }, response: { status: 500 } } });
    expect(added.status).toBe(201);
    expect((await rawRequest(emulator, "GET", "/_emulator/faults")).body.faults.map((f: { id: string }) => f.id)).toContain(added.body.id);
    const bad = await rawRequest(emulator, "POST", "/_emulator/faults", { body: { match: { pathPattern: "(" }, response: { status: 500 } } });
    expect(bad.status).toBe(400);
    expect((await rawRequest(emulator, "DELETE", "/_emulator/faults")).status).toBe(204);
    expect(emulator.faults()).toEqual([]);
  });
});

describe("ARM throttling", () => {
  let clock = Date.UTC(2026, 10, 23);
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startQuietEmulator({ now: () => clock, throttle: { reads: { capacity: 3, refillPerSecond: 1 } } });
  });
  afterAll(() => closeConforming(emulator));
  const list = `/subscriptions/${TEST_SUBSCRIPTION}/providers/Microsoft.DocumentDB/cassandraClusters?api-version=${COSMOS_API}`;

  it("counts reads down and answers 429 with Retry-After once the bucket is empty, until it refills", async () => {
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const response = await rawRequest(emulator, "GET", list, { headers: bearer });
      expect(response.status).toBe(200);
      remaining.push(response.headers["x-ms-ratelimit-remaining-subscription-reads"]);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const throttled = await rawRequest(emulator, "GET", list, { headers: bearer });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe("SubscriptionRequestsThrottled");
    expect(throttled.body.error.message).toMatch(/^Number of 'read' requests for subscription exceeded\. Please try again after '1' seconds/);
    expect(throttled.headers["retry-after"]).toBe("1");
    clock += 1000;
    expect((await rawRequest(emulator, "GET", list, { headers: bearer })).status).toBe(200);
  });

  it("keeps separate write and delete budgets, reported on every reply", async () => {
    const put = await rawRequest(emulator, "PUT", `${clusterPath("t1")}?api-version=${COSMOS_API}`,
      { headers: bearer, body: { location: LOCATION, properties: {} } });
    expect(put.status).toBe(201);
    expect(put.headers["x-ms-ratelimit-remaining-subscription-writes"]).toBe("199");
    const del = await rawRequest(emulator, "DELETE", `${clusterPath("absent")}?api-version=${COSMOS_API}`, { headers: bearer });
    expect(del.status).toBe(204);
    expect(del.headers["x-ms-ratelimit-remaining-subscription-deletes"]).toBe("199");
  });
});
