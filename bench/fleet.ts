// `npm run bench:fleet [-- --clusters 500 --burst 20 --refill 0.25 --concurrency 50 --grace PT1H]`: one fleet rotation run over N
// emulated clusters in two subscriptions (seeded by fleetSeed.ts), in real time, under the emulator's ARM write
// throttle scaled down from ARM's 200 burst / 10 per s so the run takes minutes. Prints the ARM writes, the least
// time the throttle allows for them, the time taken, their ratio (goal ≤ 1.2), the 429s answered, the rotations
// that failed (goal 0) and the peak of rotations in flight. A benchmark: it measures and asserts nothing.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { LOCAL_SUBSCRIPTION_ID, localAppEnvironment } from "../local/appEnvironment.js";
import { startEmulator } from "../local/emulator/server.js";
import { startLocalRuntime } from "../local/runtime/index.js";
import { startEmulatorProcess } from "./emulatorProcess.js";
import { seedFleet } from "./fleetSeed.js";

const { values } = parseArgs({ options: {
  clusters: { type: "string", default: "500" }, burst: { type: "string", default: "20" }, refill: { type: "string", default: "0.25" },
  concurrency: { type: "string", default: "50" },
  // Longer than the run by default: the retire is a later run (the waker's, after the grace), not part of the tick, as on
  // Azure with its 24 h default. A short grace (e.g. PT5S) folds the retires into the run; the fleet does not pace them.
  grace: { type: "string", default: "PT1H" },
  // Keeps the state directories and the request log (printed) for a look at what happened.
  keep: { type: "boolean", default: false },
} });
const N = Number(values.clusters), burst = Number(values.burst), refill = Number(values.refill), concurrency = Number(values.concurrency);
const SUBSCRIPTIONS = [LOCAL_SUBSCRIPTION_ID, "00000000-0000-4000-8000-00000000ca56"];
const MANAGED_BY = "cassandra-vpn-automation";
const dir = mkdtempSync(join(tmpdir(), "bench-fleet-"));
const quiet = () => undefined;
const seeding = await startEmulator({ stateDir: join(dir, "emulator"), log: quiet, cqlPort: 0, throttle: false, lroDelayMs: 0, restartDelayMs: 0,
  resourceGroups: SUBSCRIPTIONS.map((subscriptionId) => ({ subscriptionId, name: "fleet-rg", location: "eastus2" })) });
const seedStarted = Date.now();
const fleet = await seedFleet(seeding, { clusters: N, subscriptions: SUBSCRIPTIONS, managedByTag: MANAGED_BY, now: Date.now() });
await seeding.close();
const kinds = [...new Set(fleet.map((c) => c.kind))].map((k) => `${k} ${fleet.filter((c) => c.kind === k).length}`).join(", ");
console.log(`seeded ${N} clusters in ${SUBSCRIPTIONS.length} subscriptions in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s: ${kinds}`);

// The measured world: ARM's write bucket scaled down (reads and deletes keep ARM's numbers), the emulator in a process of
// its own; every answer also goes to a log file, since the emulator keeps the newest 10 000 only.
const requestLogFile = join(dir, "requests.jsonl");
const emulator = await startEmulatorProcess(["--state-dir", join(dir, "emulator"), "--lro-delay-ms", "500", "--restart-delay-ms", "500",
  "--throttle-writes", `${burst}/${refill}`, "--request-log", requestLogFile, ...SUBSCRIPTIONS.flatMap((s) => ["--resource-group", `${s}/fleet-rg@eastus2`])]);
Object.assign(process.env, localAppEnvironment(emulator, {
  OPERATION_POLL_INTERVAL: "PT1S", MTLS_VERIFY_WINDOW: "PT10S", CA_RETIRE_GRACE: values.grace, ROTATION_MAX_CONCURRENCY: String(concurrency),
  ARM_WRITE_BUDGET: `${burst}/${refill}`, MANAGED_BY_TAG: MANAGED_BY, MANAGED_SUBSCRIPTIONS: SUBSCRIPTIONS.join(","),
}));
const active = new Set<string>();
let peak = 0;
const runtime = await startLocalRuntime({ entry: resolve("src/main.ts"), stateDir: join(dir, "app"), port: 0, clock: "real", timerTriggers: "manual",
  log: quiet, functionLog: quiet, onProgress: (event) => {
    if (event.name !== "rotateClusterCertificates") return;
    if (event.runtimeStatus === "Pending" || event.runtimeStatus === "Running") active.add(event.instanceId);
    else active.delete(event.instanceId);
    peak = Math.max(peak, active.size);
  } });

await emulator.clearRequests();
const started = Date.now();
// One tick of the rotation timer, as on Azure: it lists both subscriptions and the vault once, then starts the fleet.
await runtime.fireTimer("rotationTimer");
const instanceId = [...runtime.engine.records.values()].find((r) => r.name === "rotateFleetPaced")?.instanceId;
if (!instanceId) throw new Error("the rotation timer started no fleet run");
const listedAfter = (Date.now() - started) / 1000;
const progress = setInterval(() => console.error(`${((Date.now() - started) / 1000).toFixed(0)} s ${JSON.stringify(runtime.engine.records.get(instanceId)?.customStatus)}`), 30_000);
const done = await runtime.whenTerminal(instanceId, 3_600_000);
clearInterval(progress);
const seconds = (Date.now() - started) / 1000;
const summary = await emulator.summary();
const requests = readFileSync(requestLogFile, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { service: string; method: string; path: string; status: number; note?: string; time: string })
  .filter((r) => Date.parse(r.time) >= started);
const output = done?.output as { done: number; failed: number; actions: Record<string, number>; failures: unknown[] } | undefined;

const writesPerSub = SUBSCRIPTIONS.map((sub) => requests.filter((r) => r.service === "arm" && ["PUT", "PATCH", "POST"].includes(r.method)
  && r.note === undefined && r.path.toLowerCase().startsWith(`/subscriptions/${sub}`)).length);
const floor = Math.max(...writesPerSub.map((w) => Math.max(0, w - burst) / refill));
const throttled429 = requests.filter((r) => r.status === 429);
console.log(`fleet ${done?.runtimeStatus}: ${output?.done} done, ${output?.failed} failed; actions ${JSON.stringify(output?.actions)}`);
if (output?.failures.length) console.log(`  failures: ${JSON.stringify(output.failures.slice(0, 3))}`);
console.log(`settings: ${N} clusters, 2 subscriptions, write bucket ${burst} burst + ${refill}/s per subscription, ROTATION_MAX_CONCURRENCY ${concurrency}, CA_RETIRE_GRACE ${values.grace}`);
console.log(`ARM writes                 ${summary.armWrites} (per subscription ${writesPerSub.join(" + ")})`);
console.log(`throttle-limited minimum   ${floor.toFixed(1)} s  (max over subscriptions of (writes - burst) / refill)`);
console.log(`actual                     ${seconds.toFixed(1)} s  (the timer's listing and start: ${listedAfter.toFixed(1)} s)`);
console.log(`ratio actual / minimum     ${floor > 0 ? (seconds / floor).toFixed(2) : "n/a (within the burst)"}  (goal <= 1.2)`);
console.log(`429s answered              ${summary.throttled} by the throttle (${throttled429.filter((r) => r.method !== "GET").length} on writes)`);
console.log(`rotations failed           ${output?.failed ?? "?"}  (goal 0)`);
console.log(`peak concurrent rotations  ${peak} (fleet's own count ${(done?.output as { peakConcurrent?: number } | undefined)?.peakConcurrent})`);
await runtime.stop();
await emulator.close();
if (values.keep) console.log(`kept: ${dir} (emulator/, app/, requests.jsonl)`);
else rmSync(dir, { recursive: true, force: true });
