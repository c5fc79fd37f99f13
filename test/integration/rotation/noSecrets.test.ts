// Rotations read client keys from Key Vault (to prove them over mTLS) and the provisioning reads the admin password;
// neither may reach anything the app persists or shows. After a provisioning with first issuance, a client renewal,
// a CA rotation, a rolled-back rotation, a Key Vault event and a timer run, the scan looks for "PRIVATE KEY", the
// admin password, and the base64 body of every client key Key Vault holds, in: every file of the runtime's state dir,
// every instance's status/input/output/history over the durable HTTP API, the app's HTTP responses (the status page
// too), every line the functions and the host logged, and the telemetry the app exports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { certificatesOf, deliverKeyVaultEvent, fireRotationTimer, identityOf, provisionCluster, rotate } from "../../support/rotationScenario.js";
import { captureTelemetry, TELEMETRY_ENV, TEST_INSTRUMENTATION_KEY } from "../../support/telemetryCapture.js";
import { clientNameOf, clusterIdOf, DEMO_RESOURCE_GROUP, LOCAL_ADMIN_PASSWORD, provisioningIdOf, rotationIdOf } from "../../support/testIds.js";

const telemetry = captureTelemetry();

const CLUSTER = "cass-demo";
const logs: string[] = [];
const responses: Array<[string, string]> = [];
let world: LocalWorld;

beforeAll(async () => {
  world = await startLocalWorld({
    env: { CA_RETIRE_GRACE: "PT1M", ...TELEMETRY_ENV },
    runtime: { functionLog: (level, fn, message) => logs.push(`${fn} ${level}: ${message}`), log: (line) => logs.push(line) },
  });
  await provisionCluster(world, CLUSTER, "10.20.3.10");
});
afterAll(() => world.dispose());

/** Calls the app's HTTP API and keeps the answer for the scan. */
async function call(method: string, path: string, body?: unknown) {
  const res = await world.api(method, path, body);
  responses.push([`${method} ${path}`, typeof res.body === "string" ? res.body : JSON.stringify(res.body)]);
  return res;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The base64 body of a PEM key, joined, and each of its full lines (a re-wrapped copy would still match them). */
function keyFragments(keyPem: string): string[] {
  const lines = keyPem.split("\n").filter((l) => l && !l.startsWith("-----"));
  return [lines.join(""), ...lines.filter((l) => l.length >= 40)];
}

let secrets: Array<{ what: string; text: string }> = [];
function leaks(where: string, text: string): string[] {
  // 4 + at least two fragments for each of five keys: a scan with nothing to look for would pass vacuously.
  expect(secrets.length).toBeGreaterThanOrEqual(14);
  return secrets.filter((s) => text.includes(s.text)).map((s) => `${where} contains ${s.what}`);
}

describe("no private key or password leaves Key Vault", () => {
  it("runs renewals, a CA rotation, a rolled-back rotation, a Key Vault event and a timer check", async () => {
    expect((await rotate(world, CLUSTER, { scope: "client" })).runtimeStatus).toBe("Completed");
    expect((await rotate(world, CLUSTER, { scope: "ca" })).runtimeStatus).toBe("Completed");
    world.emulator.addFault({ match: { method: "PATCH", pathPattern: `${clusterIdOf(CLUSTER)}$` }, response: { lroStatus: "Failed" }, times: 1 });
    expect((await rotate(world, CLUSTER, { scope: "ca" })).runtimeStatus).toBe("Failed");
    // The failed rotation set the cluster's backoff (an hour after one failure): scheduled triggers wait it out.
    await world.clock.advance(61 * 60_000);
    // Key Vault's near-expiry event for the client (about its current version, as Key Vault sends it), then the scheduled check.
    const Version = (await certificatesOf(world, CLUSTER)).clients.app!.find((v) => v.stage === "current")!.version;
    expect(await deliverKeyVaultEvent(world, [{ id: "1", topic: "/subscriptions/x/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/kv",
      subject: clientNameOf(CLUSTER), eventType: "Microsoft.KeyVault.CertificateNearExpiry", eventTime: new Date().toISOString(), dataVersion: "1",
      metadataVersion: "1", data: { ObjectType: "Certificate", ObjectName: clientNameOf(CLUSTER), VaultName: "kv", Version, NBF: "1", EXP: "2" } }])).toBe(202);
    expect((await world.runtime.waitForCompletion(rotationIdOf(CLUSTER))).output).toMatchObject({ action: "renewClient" });
    // The retire of the CA rotation's old CA fell due during the backoff (its waker's run decided "backoff"): the timer does it.
    expect((await fireRotationTimer(world)).output).toMatchObject({ total: 1, done: 1, failed: 0, actions: { retireCa: 1 } });

    await call("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/certificates`);
    await call("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/connection-kit`);
    await call("GET", `/api/provisionings/${provisioningIdOf(CLUSTER)}`);
    await call("GET", "/api/ui");
    await call("POST", `/api/clusters/${DEMO_RESOURCE_GROUP}/${CLUSTER}/rotations`, { scope: "client" });
    expect((await world.runtime.waitForCompletion(rotationIdOf(CLUSTER))).runtimeStatus).toBe("Completed");

    // What to look for: every client key version Key Vault holds (the keys the activities read), and the password.
    const { clients } = await certificatesOf(world, CLUSTER);
    const versions = clients.app!;
    // Issued by: provisioning, the renewal, the CA rotation, the event, the last POST (the failed rotation issued none).
    expect(versions.length).toBe(5);
    secrets = [
      { what: "a PEM private key", text: "PRIVATE KEY" },
      { what: "the admin password", text: LOCAL_ADMIN_PASSWORD },
      { what: "the admin password (base64)", text: Buffer.from(LOCAL_ADMIN_PASSWORD).toString("base64") },
      { what: "the instrumentation key", text: TEST_INSTRUMENTATION_KEY },
    ];
    for (const v of versions) {
      const { keyPem } = await identityOf(world, v.name, v.version);
      secrets.push(...keyFragments(keyPem).map((text) => ({ what: `the key of ${v.name}/${v.version.slice(0, 8)}`, text })));
    }
  });

  it("the scan finds what it looks for where it is (Key Vault's secret and the emulator's Azure-side state)", async () => {
    const latest = (await certificatesOf(world, CLUSTER)).clients.app!.at(-1)!;
    const secretText = JSON.stringify(await identityOf(world, latest.name, latest.version));
    expect(leaks("the Key Vault secret", secretText).length).toBeGreaterThan(2);
    const azureSide = filesUnder(join(world.stateDir, "emulator")).map((f) => readFileSync(f, "utf8")).join("\n");
    expect(leaks("emulator state", azureSide)).toContain("emulator state contains the admin password");
  });

  it("finds none in the runtime's state dir", () => {
    const files = filesUnder(join(world.stateDir, "runtime"));
    const instanceFiles = world.instances().map(({ instanceId: id }) => `${encodeURIComponent(id)}.json`);
    expect(files.map((f) => f.split("/").at(-1))).toEqual(expect.arrayContaining(instanceFiles));
    // The provisioning, its approval wait, the cluster's rotation and the fleet check (which runs no children).
    expect(instanceFiles.length).toBeGreaterThanOrEqual(4);
    expect(files.flatMap((f) => leaks(f, readFileSync(f, "utf8")))).toEqual([]);
  });

  it("finds none in any status, input, output or history on the durable HTTP API, nor in the app's answers", async () => {
    const texts: Array<[string, string]> = [...responses];
    for (const { instanceId: id } of world.instances()) {
      const res = await world.runtime.fetch(`/runtime/webhooks/durabletask/instances/${encodeURIComponent(id)}?showInput=true&showHistory=true&showHistoryOutput=true`);
      expect(res.status, id).toBe(200);
      texts.push([`durable status of ${id}`, await res.text()]);
    }
    texts.push(["durable instance list", await (await world.runtime.fetch("/runtime/webhooks/durabletask/instances?showInput=true")).text()]);
    // The histories do carry the rotation's work: certificate versions, thumbprints, verification results.
    expect(texts.some(([, t]) => t.includes("verifyClientCertificate") && t.includes("serverNames"))).toBe(true);
    expect(texts.flatMap(([where, text]) => leaks(where, text))).toEqual([]);
  });

  it("finds none in the telemetry the app exports (spans, log records, events, metrics)", async () => {
    const exported = await telemetry.dump();
    expect(exported).toContain("RotationFailed");
    expect(exported).toContain("activity verifyClientCertificate");
    expect(leaks("exported telemetry", exported)).toEqual([]);
  });

  it("finds none in what the functions and the host logged", () => {
    expect(logs.some((l) => l.startsWith("onKeyVaultEvent"))).toBe(true);
    expect(logs.some((l) => l.startsWith("rotationTimer"))).toBe(true);
    expect(logs.flatMap((line, i) => leaks(`log line ${i}`, line))).toEqual([]);
  });
});
