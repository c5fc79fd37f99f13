// Telemetry with in-memory exporters in the Azure Monitor distro's place (test/support/telemetryCapture.ts): one trace
// per saga instance holding a span per activity (instance id as an attribute) and its end; certificate days to expiry
// per cluster and rotation outcomes as metrics; a notification (App Insights custom event + webhook) on every rollback
// and failed rotation. Everything exported and posted is scanned for the admin password, private keys and the
// connection string's instrumentation key.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sagaTraceIds } from "../../../src/telemetry/traceIds.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { decideEndpoint, requestFor, startProvisioning, untilEnded, untilWaitingForApproval } from "../../support/provisioningScenario.js";
import { certificatesOf, identityOf, provisionCluster, rotate } from "../../support/rotationScenario.js";
import { captureTelemetry, TELEMETRY_ENV, TEST_INSTRUMENTATION_KEY } from "../../support/telemetryCapture.js";
import { clusterIdOf, LOCAL_ADMIN_PASSWORD } from "../../support/testIds.js";

const capture = captureTelemetry();
const posted: any[] = [];
let webhook: Server;
let world: LocalWorld;
let provisioningId: string;
let rejectedId: string;

beforeAll(async () => {
  webhook = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => { posted.push(JSON.parse(body)); res.writeHead(204).end(); });
  });
  const port = await new Promise<number>((resolve) => webhook.listen(0, "127.0.0.1", () => resolve((webhook.address() as { port: number }).port)));
  world = await startLocalWorld({ env: { ...TELEMETRY_ENV, NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${port}/hook` } });
  await provisionCluster(world, "cass-tel", "10.20.3.60");
}, 120_000);
afterAll(async () => {
  await world?.dispose();
  await new Promise<void>((resolve) => webhook?.close(() => resolve()));
});

describe("telemetry", () => {
  it("runs a provisioning, a rolled-back rotation and a rejected provisioning", async () => {
    const provisionings = world.instances().filter((r) => r.name === "provisionVpnCluster");
    expect(provisionings).toHaveLength(1);
    provisioningId = provisionings[0]!.instanceId;
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: `${clusterIdOf("cass-tel")}$` }, response: { lroStatus: "Failed" }, times: 1 });
    expect((await rotate(world, "cass-tel", { scope: "ca" })).runtimeStatus).toBe("Failed");
    rejectedId = await startProvisioning(world, requestFor("cass-tel-rej", "10.20.3.61"));
    await untilWaitingForApproval(world, "cass-tel-rej");
    decideEndpoint(world, "cass-tel-rej", "Rejected");
    expect((await untilEnded(world, "cass-tel-rej")).runtimeStatus).toBe("Failed");
    expect(capture.installs()).toBe(1);
  });

  it("exports one trace per saga instance, with a span per activity and the saga's end", () => {
    const spans = capture.spans();
    const byTrace = new Map<string, Set<unknown>>();
    for (const span of spans) (byTrace.get(span.spanContext().traceId) ?? byTrace.set(span.spanContext().traceId, new Set()).get(span.spanContext().traceId)!).add(span.attributes["cassandra_vpn.instance_id"]);
    for (const [traceId, ids] of byTrace) expect([...ids], traceId).toHaveLength(1);

    const saga = spans.filter((s) => s.spanContext().traceId === sagaTraceIds(provisioningId).traceId);
    expect(saga.every((s) => s.attributes["cassandra_vpn.instance_id"] === provisioningId)).toBe(true);
    const names = saga.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["activity preflightProvisioning", "activity ensureCluster", "activity ensurePrivateEndpoint",
      "activity readEndpointIp", "activity ensureDatacenter", "activity readClusterHealth", "saga provisionVpnCluster completed"]));
    expect(names.at(-1)).toBe("saga provisionVpnCluster completed");
    expect(saga.filter((s) => s.name.startsWith("activity ")).every((s) => s.parentSpanContext?.spanId === sagaTraceIds(provisioningId).spanId)).toBe(true);
  });

  it("notifies the rollback of the rotation and of the rejected provisioning: App Insights events and the webhook", () => {
    const events = capture.logRecords().filter((r) => r.attributes["microsoft.custom_event.name"]);
    expect(events.map((r) => [r.attributes["microsoft.custom_event.name"], r.attributes["cassandra_vpn.cluster"]])).toEqual([
      ["RotationFailed", "cass-demo-rg/cass-tel"], ["ProvisioningRolledBack", "cass-demo-rg/cass-tel-rej"],
    ]);
    expect(posted.map((p) => [p.event, p.cluster, p.instanceId === rejectedId])).toEqual([
      ["RotationFailed", "cass-demo-rg/cass-tel", false], ["ProvisioningRolledBack", "cass-demo-rg/cass-tel-rej", true],
    ]);
    expect(posted[0].text).toMatch(/^RotationFailed: cass-demo-rg\/cass-tel \(rotate:.*\): .*Rolled back\.$/);
    expect(posted[1].compensation).toEqual(["delete private endpoint cass-tel-rej-pe: deleted", "delete cluster cass-tel-rej: deleted"]);
  });

  it("measures certificate days to expiry per cluster and rotation outcomes", async () => {
    const points = (await capture.metrics()).scopeMetrics.flatMap((s) => s.metrics).flatMap((m) => m.dataPoints.map((p) => ({ metric: m.descriptor.name, ...p })));
    const expiry = points.filter((p) => p.metric === "cassandra_vpn.certificate.days_to_expiry" && p.attributes["cassandra_vpn.cluster"] === "cass-demo-rg/cass-tel");
    expect(Object.fromEntries(expiry.map((p) => [p.attributes["cassandra_vpn.certificate"], p.value]))).toEqual({ ca: expect.any(Number), "client:app": expect.any(Number) });
    expect(expiry.find((p) => p.attributes["cassandra_vpn.certificate"] === "ca")!.value).toBeGreaterThan(1800);
    const outcomes = points.filter((p) => p.metric === "cassandra_vpn.rotation.outcomes").map((p) => [p.attributes["cassandra_vpn.outcome"], p.value]);
    expect(outcomes).toEqual(expect.arrayContaining([["completed", 1], ["rolledBack", 1]]));
  });

  it("exports and posts no secret: no password, no private key, no instrumentation key", async () => {
    const secrets = [LOCAL_ADMIN_PASSWORD, "PRIVATE KEY", TEST_INSTRUMENTATION_KEY];
    for (const version of (await certificatesOf(world, "cass-tel")).clients.app!) {
      const { keyPem } = await identityOf(world, version.name, version.version);
      secrets.push(keyPem.split("\n").filter((l) => l && !l.startsWith("-----")).join(""));
    }
    const exported = `${await capture.dump()}\n${JSON.stringify(posted)}`;
    expect(exported).toContain("cass-tel");
    expect(secrets.filter((s) => exported.includes(s))).toEqual([]);
  });
});
