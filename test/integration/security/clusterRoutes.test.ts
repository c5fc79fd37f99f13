// The cluster routes as an attacker probes them (issue 13): every name is checked against Azure's naming rules before
// anything is read, started or written; a name that ARM would refuse, that holds `/` and `..`, or control characters is a
// 400 naming the field with a JSON body that does not echo it; a cluster that does not exist gets no rotation and no Key
// Vault version; and no path reaches the durable client with an instance id of the caller's choosing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { rawHttp } from "../../support/rawHttp.js";
import { azureClients } from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP, provisioningIdOf } from "../../support/testIds.js";

const logs: string[] = [];
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ runtime: { functionLog: (_level, _fn, message) => logs.push(message), log: (message) => logs.push(message) } });
});
afterAll(() => world.dispose());

const send = (method: string, path: string, body?: unknown) =>
  rawHttp(world.origin(), {
    method,
    path,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });

async function certificateNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const props of azureClients(world).certificates.listPropertiesOfCertificates()) names.push(props.name!);
  return names.sort();
}

/** What a request may not leave behind: instances, Key Vault certificates or writes to ARM or Key Vault. */
async function footprint() {
  await world.runtime.idle();
  return {
    instances: world.instances().map((r) => `${r.instanceId} ${r.runtimeStatus} ${r.createdTime}`).sort(),
    certificates: await certificateNames(),
    writes: world.emulator.requests().requests.filter((r) => r.method !== "GET").length,
  };
}

const invalidField = (field: string) =>
  expect.objectContaining({
    error: expect.objectContaining({ code: "InvalidRequest", details: expect.arrayContaining([expect.objectContaining({ field })]) }),
  });

describe("a cluster that does not exist", () => {
  it("gets no rotation and no Key Vault version, however often it is asked for", async () => {
    const before = await footprint();
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await send("POST", `/api/clusters/${DEMO_RESOURCE_GROUP}/no-such-cluster/rotations`, {});
      expect(res.status, res.text).toBe(404);
      expect(res.json.error.code).toBe("ClusterNotFound");
      await world.runUntil(() => true);
    }
    expect(await footprint()).toEqual(before);
  });
});

describe("names the cluster routes refuse", () => {
  it("a cluster name holding / and .. (percent-encoded) starts no orchestrator under an id of its choosing", async () => {
    const victim = world.runtime.start("provisionVpnCluster", { broken: true }, "victim");
    await world.runtime.waitForCompletion(victim);
    const before = await footprint();
    for (const name of ["a%2F..%2Fpwned", "a%2F..%2F..%2FprovisionVpnCluster%2Fvictim", "..%2F..%2Fvictim", "a%5C..%5Cb"]) {
      const res = await send("POST", `/api/clusters/${DEMO_RESOURCE_GROUP}/${name}/rotations`, {});
      expect(res.status, `${name}: ${res.text}`).toBe(400);
      expect(res.json).toEqual(invalidField("clusterName"));
    }
    expect(await footprint()).toEqual(before);
    expect(world.runtime.status("pwned")).toBeUndefined();
  });

  it("an instance id holding / and .. reaches no other instance or route", async () => {
    const res = await send("GET", `/api/provisionings/x%2F..%2F${encodeURIComponent(provisioningIdOf("cass-none"))}`);
    expect(res.status, res.text).toBe(400);
    expect(res.json).toEqual(invalidField("id"));
    for (const path of ["/api/provisionings/..%2F..%2Fadmin%2Fhost%2Fstatus", "/api/rotations/..%2Finstances", "/api/provisionings/%2e%2e%2f%2e%2e"]) {
      const other = await send("GET", path);
      expect(other.status, `${path}: ${other.text}`).toBe(400);
      expect(other.json).toEqual(invalidField("id"));
    }
    const stop = await send("DELETE", "/api/provisionings/victim%3F%2F..%2F..?compensate=true");
    expect(stop.status, stop.text).toBe(400);
  });

  it("names ARM refuses are a 400 with a body on the certificates and connection-kit routes", async () => {
    const before = await footprint();
    for (const route of ["certificates", "connection-kit"]) {
      for (const [rg, cluster, field] of [
        [DEMO_RESOURCE_GROUP, "bad_name", "clusterName"],
        [DEMO_RESOURCE_GROUP, "-lead", "clusterName"],
        [DEMO_RESOURCE_GROUP, "x".repeat(101), "clusterName"],
        ["rg.", "cass-demo", "resourceGroup"],
        ["r".repeat(91), "cass-demo", "resourceGroup"],
        ["rg%20x", "cass-demo", "resourceGroup"],
      ] as const) {
        const res = await send("GET", `/api/clusters/${rg}/${cluster}/${route}`);
        expect(res.status, `${route} ${rg}/${cluster}: ${res.text}`).toBe(400);
        expect(res.json).toEqual(invalidField(field));
      }
    }
    expect(await footprint()).toEqual(before);
  });

  it("control characters in a name are refused before anything starts and never reach a log line or a header", async () => {
    const before = await footprint();
    const linesBefore = logs.length;
    for (const name of ["cass%0D%0A%5BError%5D%20forged", "cass%00demo", "cass%09demo", "cass%E2%80%A8demo"]) {
      for (const [method, route] of [["POST", "rotations"], ["GET", "certificates"], ["GET", "connection-kit"]] as const) {
        const res = await send(method, `/api/clusters/${DEMO_RESOURCE_GROUP}/${name}/${route}`, method === "POST" ? {} : undefined);
        expect(res.status, `${method} ${route} ${name}: ${res.text}`).toBe(400);
        expect(res.json).toEqual(invalidField("clusterName"));
        expect(Object.values(res.headers).join(" ")).not.toMatch(/forged|[\r\n\u0000]/);
      }
    }
    expect(await footprint()).toEqual(before);
    expect(logs.slice(linesBefore).filter((line) => /[\r\n\u2028]/.test(line) || line.includes("forged"))).toEqual([]);
  });

  it("error answers never echo the request's values", async () => {
    for (const [method, path] of [
      ["GET", "/api/provisionings/%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
      ["GET", "/api/rotations/%3Cimg%20src%3Dx%3E"],
      ["DELETE", "/api/provisionings/%3Cscript%3E"],
      ["GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/%3Cscript%3E/certificates`],
      ["POST", `/api/clusters/%3Cscript%3E/cass-demo/rotations`],
    ] as const) {
      const res = await send(method, path, method === "POST" ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.json?.error?.message, `${method} ${path}: ${res.text}`).toEqual(expect.any(String));
      expect(res.text, `${method} ${path}`).not.toMatch(/<script|<img|alert\(/i);
    }
  });
});
