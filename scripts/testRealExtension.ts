// `npm run test:real-extension`: the second test tier, the app's orchestrations on the real Durable
// extension and Azurite (docs/real-extension.md). Without the .NET SDK it says so loudly and exits 0, so
// a machine without `dotnet` still has a green tier-one `npm test`; with it, it builds the host once and
// runs the tier's vitest config (one file at a time, real clocks).
import { spawn } from "node:child_process";
import { buildHost, dotnetAvailable } from "../local/real-extension/dotnetHost.js";

const banner = (lines: string[]) => {
  const rule = "=".repeat(78);
  process.stdout.write(`${rule}\n${lines.map((l) => `  ${l}`).join("\n")}\n${rule}\n`);
};

if (!(await dotnetAvailable())) {
  banner([
    "SKIPPED: the real-extension tier (test/real-extension) did NOT run.",
    "It needs the .NET SDK (`dotnet` on PATH) to build local/real-extension/host.",
    "Nothing in it was checked on this machine; tier one (`npm test`) is unaffected.",
  ]);
  process.exit(0);
}

const started = Date.now();
await buildHost();
process.stdout.write(`real-extension: host built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
const vitest = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.real-extension.config.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
  // The host is built; each test file's process reuses it instead of running `dotnet build` again.
  env: { ...process.env, REALEXT_PREBUILT: "1" },
});
const code = await new Promise<number>((resolve) => vitest.once("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
process.stdout.write(`real-extension: tier took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(code);
