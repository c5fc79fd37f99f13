// Cold start, measured side by side in one run (architecture.md "Start-up cost"): a bare Node process,
// eager loading of every Azure SDK the app uses, and loading the bundled app (dist/main.js) as the
// Functions worker does, with every function registered. Prints medians and ratios; asserts nothing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildApp } from "../scripts/build.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = resolve(".");
const dir = mkdtempSync(join(tmpdir(), "cold-start-"));
const report = "process.stdout.write(JSON.stringify({ ms: performance.now(), rssMiB: process.resourceUsage().maxRSS / 1024 }))";

const scripts = {
  bare: `${report}`,
  eagerSdks: `import { createRequire } from "node:module"; const require = createRequire(${JSON.stringify(`${root}/package.json`)});
for (const m of ["@azure/functions", "durable-functions", "@azure/identity", "@azure/arm-cosmosdb", "@azure/arm-network",
  "@azure/keyvault-certificates", "@azure/keyvault-keys", "@azure/keyvault-secrets"]) require(m);
${report}`,
  // The worker provides @azure/functions-core; a stand-in that only counts registrations is enough here.
  bundledApp: `import Module from "node:module"; let registered = 0;
const core = { setProgrammingModel() {}, getProgrammingModel() {}, registerHook() { return { dispose() {} }; },
  registerFunction() { registered++; return { dispose() {} }; }, log() {}, Disposable: class {} };
const original = Module.prototype.require;
Module.prototype.require = function (id) { return id === "@azure/functions-core" ? core : original.apply(this, arguments); };
await import(${JSON.stringify(`${root}/dist/main.js`)});
if (registered < 10) throw new Error("app registered only " + registered + " functions");
${report}`,
};

await buildApp(join(root, "dist"));
const env = { ...process.env, AZURE_SUBSCRIPTION_ID: "00000000-0000-4000-8000-000000000001", KEY_VAULT_URL: "https://bench.vault.azure.net" };
const results: Record<string, { wallMs: number[]; rssMiB: number[] }> = {};
for (let run = 0; run < RUNS; run++) {
  for (const [name, source] of Object.entries(scripts)) {
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, source);
    const started = process.hrtime.bigint();
    const out = JSON.parse(execFileSync(process.execPath, [file], { env, encoding: "utf8" })) as { rssMiB: number };
    (results[name] ??= { wallMs: [], rssMiB: [] }).wallMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    results[name]!.rssMiB.push(out.rssMiB);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { wallMs: median(v.wallMs), rssMiB: median(v.rssMiB) }]));
console.log(`cold start, median of ${RUNS} runs (whole process, wall clock)`);
for (const [name, v] of Object.entries(m)) console.log(`  ${name.padEnd(11)} ${v.wallMs.toFixed(0).padStart(5)} ms  ${v.rssMiB.toFixed(0).padStart(4)} MiB`);
console.log(`  bundledApp / eagerSdks = ${(m.bundledApp!.wallMs / m.eagerSdks!.wallMs).toFixed(2)} (time), ${(m.bundledApp!.rssMiB / m.eagerSdks!.rssMiB).toFixed(2)} (memory)`);
console.log(`  bundledApp / bare      = ${(m.bundledApp!.wallMs / m.bare!.wallMs).toFixed(2)} (time)`);
