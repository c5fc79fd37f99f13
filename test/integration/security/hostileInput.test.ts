// The generated hostile-input suite (issue 13): hundreds of requests over every route and both Event Grid functions
// (test/support/hostileCases.ts, hostileEvents.ts) against a world holding one provisioned cluster. Each must answer a
// 4xx with a message that echoes nothing it was sent (an Event Grid delivery may also be accepted with 202 and ignored);
// none a 5xx. Afterwards no instance was started or changed, and ARM and Key Vault received no write. Prints the counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, demoProvisioningRequest, type LocalWorld } from "../../support/localWorld.js";
import { hostileRouteCases, type HostileCase } from "../../support/hostileCases.js";
import { hostileEventCases } from "../../support/hostileEvents.js";
import { rawHttp, type RawAnswer } from "../../support/rawHttp.js";
import { certificatesOf, provisionCluster } from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP, LOCAL_SUBSCRIPTION_ID } from "../../support/testIds.js";

const CLUSTER = "cass-demo";
let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld();
  await provisionCluster(world, CLUSTER, "10.20.3.10");
}, 60_000);
afterAll(() => world.dispose());

/** Everything a request could have changed: instances, ARM resources, Key Vault versions, writes sent to Azure. */
async function footprint() {
  await world.runtime.idle();
  const certificates = await certificatesOf(world, CLUSTER);
  return {
    instances: world.instances().map((r) => `${r.instanceId} ${r.runtimeStatus} ${r.lastUpdatedTime}`).sort(),
    resources: world.emulator.resources().map((r) => `${r.id} ${r.properties.provisioningState ?? ""}`).sort(),
    versions: [...certificates.ca, ...Object.values(certificates.clients).flat()].map((v) => `${v.name}/${v.version} ${v.stage}`).sort(),
    writes: world.emulator.requests().requests.filter((r) => r.method !== "GET").length,
  };
}

/** What a hostile answer must never contain: the markers the cases carry, or a control character in a header. */
const ECHOED = /<script|<img|forged|alert\(|\u0000/i;

function whatIsWrong(c: HostileCase, res: RawAnswer): string | undefined {
  if (res.status >= 500) return `answered ${res.status}`;
  if (c.expect === "refusedOrIgnored" && res.status === 202) return undefined;
  if (res.status < 400) return `answered ${res.status}`;
  const message = typeof res.json?.error?.message === "string" ? res.json.error.message : res.text;
  if (!message.trim()) return `answered ${res.status} without a message`;
  if (ECHOED.test(res.text)) return `echoed the request: ${res.text.slice(0, 120)}`;
  if (Object.values(res.headers).some((v) => /[\r\n]/.test(String(v)))) return "a header holds a line break";
  return undefined;
}

describe("hostile input", () => {
  it("is refused with a 4xx and a message (events: also 202, ignored), never a 5xx, and changes nothing", async () => {
    const cases = [
      ...hostileRouteCases({ subscriptionId: LOCAL_SUBSCRIPTION_ID, resourceGroup: DEMO_RESOURCE_GROUP, clusterName: CLUSTER }, demoProvisioningRequest("cass-hostile")),
      ...hostileEventCases({ subscriptionId: LOCAL_SUBSCRIPTION_ID, resourceGroup: DEMO_RESOURCE_GROUP, clusterName: CLUSTER, // Replays of versions that are no longer current (an event for the current one is a genuine trigger).
        caVersions: (await certificatesOf(world, CLUSTER)).ca.filter((v) => v.stage !== "current").map((v) => v.version) }),
    ];
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const before = await footprint();
    const started = Date.now();
    const answers: Array<{ c: HostileCase; res: RawAnswer }> = [];
    for (const c of cases) answers.push({ c, res: await rawHttp(world.origin(), c) });
    await world.runUntil(() => true);
    const after = await footprint();
    const changed = (Object.keys(before) as Array<keyof typeof before>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    const count = (test: (s: number) => boolean) => answers.filter(({ res }) => test(res.status)).length;
    console.log([
      `hostile input: ${cases.length} tried in ${Date.now() - started} ms`,
      `  4xx ${count((s) => s >= 400 && s < 500)}, 202 (event accepted and ignored) ${count((s) => s === 202)}, 5xx ${count((s) => s >= 500)}, other ${
        count((s) => s < 400 && s !== 202)
      }`,
      `  side effects: ${changed.length ? changed.join(", ") : "none"} (instances started or changed, ARM resources, Key Vault versions, writes to Azure)`,
      `  by status: ${JSON.stringify(Object.fromEntries([...new Set(answers.map(({ res }) => res.status))].sort().map((s) => [s, count((x) => x === s)])))}`,
    ].join("\n"));
    expect(answers.flatMap(({ c, res }) => {
      const wrong = whatIsWrong(c, res);
      return wrong ? [`${c.label}: ${wrong}`] : [];
    })).toEqual([]);
    for (const key of changed) expect(after[key], key).toEqual(before[key]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
