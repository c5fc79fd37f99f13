// The deploy zip (`npm run package`): small, only what the host loads, and it loads on its own — unpacked into a
// folder with no node_modules, the worker's way (`@azure/functions-core` provided, then import) registers every
// function src/main.ts registers. `.funcignore` lets `func … publish` upload the same files.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, parse } from "node:path";
import { unzipSync } from "fflate";
import ignore from "ignore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageApp, type PackageResult } from "../../scripts/package.js";
import { registrationsOf } from "../support/registrations.js";

const out = mkdtempSync(join(tmpdir(), "package-test-"));
let result: PackageResult;
let entries: Record<string, Uint8Array>;
beforeAll(async () => {
  result = await packageApp(join(out, "build"));
  entries = unzipSync(readFileSync(result.zip));
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const isDeployed = (path: string) => /^(host\.json|package\.json|dist\/[^/]+\.js)$/.test(path);

describe("deploy package", () => {
  // 1 MB until issue 14; the Azure Monitor OpenTelemetry distro (its own chunk, 3.3 MB of JS, loaded only with a
  // connection string) brought the zip to 1.59 MB: the bound keeps the next such addition a decision.
  it("holds host.json, package.json and the bundle's JS only, in at most 1.7 MB", () => {
    const names = Object.keys(entries).sort();
    console.log(`deploy zip: ${result.bytes} bytes (${(result.bytes / 1e6).toFixed(2)} MB)\n${names.map((n) => `  ${String(entries[n]!.length).padStart(9)}  ${n}`).join("\n")}`);
    expect(names).toContain("host.json");
    expect(names).toContain("dist/main.js");
    expect(names.filter((n) => !isDeployed(n))).toEqual([]);
    expect(result.bytes).toBeLessThanOrEqual(1_700_000);
    const pkg = JSON.parse(new TextDecoder().decode(entries["package.json"]));
    expect([pkg.type, pkg.main]).toEqual(["module", "dist/main.js"]);
    expect(pkg.dependencies).toBeUndefined();
  });

  it("loads from a folder without node_modules and registers every function src/main.ts registers", () => {
    const app = join(out, "unpacked");
    for (const [name, bytes] of Object.entries(entries)) {
      mkdirSync(dirname(join(app, name)), { recursive: true });
      writeFileSync(join(app, name), bytes);
    }
    for (let dir = app; dir !== parse(dir).root; dir = dirname(dir)) expect(existsSync(join(dir, "node_modules")), dir).toBe(false);
    const main = JSON.parse(readFileSync(join(app, "package.json"), "utf8")).main as string;
    const fromZip = registrationsOf(join(app, main));
    expect(fromZip.length).toBeGreaterThan(30);
    expect(fromZip).toEqual(registrationsOf("src/main.ts"));
    // The telemetry distro is bundled too: its chunk loads there, on its own, when a connection string asks for it.
    const distro = Object.keys(entries).filter((n) => n.endsWith(".js") && n !== main && new TextDecoder().decode(entries[n]).includes("shutdownAzureMonitor"));
    expect(distro).toHaveLength(1);
    const loaded = execFileSync(process.execPath, ["-e", `import(${JSON.stringify(join(app, distro[0]!))}).then((m) => console.log(typeof m.useAzureMonitor))`], { cwd: app, encoding: "utf8" });
    expect(loaded.trim()).toBe("function");
  }, 60_000);

  it("adds source maps only when asked", async () => {
    const withMaps = await packageApp(join(out, "maps"), { sourcemaps: true });
    expect(Object.keys(unzipSync(readFileSync(withMaps.zip))).some((n) => n.endsWith(".js.map"))).toBe(true);
    expect(Object.keys(entries).some((n) => n.endsWith(".map"))).toBe(false);
  }, 120_000);

  it("lets .funcignore admit exactly the files the zip holds (never local/, test/, .local/ or node_modules)", () => {
    const root = new URL("../../", import.meta.url);
    const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
    const built = Object.keys(entries).filter((n) => n.startsWith("dist/")).flatMap((n) => [n, `${n}.map`]);
    const local = [".local/emulator/ca.pem", "node_modules/esbuild/package.json", "local/emulator/server.ts", ".package/app.zip"];
    const rules = ignore().add(readFileSync(new URL(".funcignore", root), "utf8"));
    const uploaded = [...tracked, ...built, ...local].filter((f) => !rules.ignores(f)).sort();
    expect(uploaded).toEqual(Object.keys(entries).sort());
  });
});
