// `npm run package [-- --sourcemaps]`: the deployable app, built fresh: .package/app/ (what azd deploys, azure.yaml
// `dist`) and .package/app.zip (for zip deploy), each holding host.json, a package.json with only what the
// worker reads, and the bundle's JS under dist/ (whitespace-minified; source maps only when asked). Prints the zip's size and files.
// The host needs nothing else: the bundle loads without node_modules (test/integration/package.test.ts).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync, type Zippable } from "fflate";
import { buildApp } from "./build.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// Fixed entry times: the same build gives the same zip bytes.
const MTIME = new Date("2020-01-01T00:00:00Z");

export interface PackageResult { dir: string; zip: string; bytes: number; files: Array<{ path: string; bytes: number }> }

/** The worker reads `main` and `type` (nodejs-worker loadScriptFile); nothing is installed, so no dependencies. */
function deployedPackageJson(): string {
  const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
  const { name, version, description, type, main, engines } = own;
  return `${JSON.stringify({ name, version, description, private: true, type, main, engines }, null, 2)}\n`;
}

export async function packageApp(outRoot = join(ROOT, ".package"), options: { sourcemaps?: boolean } = {}): Promise<PackageResult> {
  const dir = join(outRoot, "app");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await buildApp(join(dir, "dist"), { sourcemap: options.sourcemaps ?? false, minify: true });
  writeFileSync(join(dir, "host.json"), readFileSync(join(ROOT, "host.json")));
  writeFileSync(join(dir, "package.json"), deployedPackageJson());
  const paths = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((p) => statSync(join(dir, p)).isFile()).sort();
  const entries: Zippable = Object.fromEntries(paths.map((p) => [p.split("\\").join("/"), [readFileSync(join(dir, p)), { mtime: MTIME }]]));
  const zip = join(outRoot, "app.zip");
  const bytes = zipSync(entries, { level: 9 });
  writeFileSync(zip, bytes);
  return { dir, zip, bytes: bytes.length, files: paths.map((p) => ({ path: p, bytes: statSync(join(dir, p)).size })) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await packageApp(undefined, { sourcemaps: process.argv.includes("--sourcemaps") });
  for (const file of result.files) console.log(`${String(file.bytes).padStart(9)}  ${file.path}`);
  console.log(`${relative(ROOT, result.zip)}: ${result.bytes} bytes (${(result.bytes / 1024 / 1024).toFixed(2)} MiB), ${result.files.length} files`);
}
