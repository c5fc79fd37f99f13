// `npm run infra:build`: compiles infra/main.bicep with the real Bicep compiler (scripts/bicepCompiler.ts) and
// lints it and its modules with infra/bicepconfig.json (the linter's rules at error). Prints the compiler, the
// diagnostics and "N errors, N warnings"; exits non-zero on any, or when no compiler is available.
// Results are cached under .tools/infra/<hash of the inputs>, so an unchanged infra/ costs no compiler run.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { findCompiler, ROOT } from "./bicepCompiler.js";

export interface Diagnostic { level: string; rule: string; file: string; line: number; message: string }
export type InfraBuild =
  | { status: "missing" | "failed"; reason: string }
  | { status: "built"; compiler: string; templatePath: string; diagnostics: Diagnostic[]; errors: number; warnings: number; cached: boolean };

const CACHE = join(ROOT, ".tools/infra");

function inputsHash(compiler: string): string {
  const hash = createHash("sha256").update(compiler);
  const files = [
    ...readdirSync(join(ROOT, "infra"), { recursive: true, encoding: "utf8" }).map((f) => join("infra", f)),
    "host.json", "tools/bicep/bicep.csproj",
  ].filter((f) => /\.(bicep|json|csproj)$/.test(f)).sort();
  for (const file of files) hash.update(file).update(readFileSync(join(ROOT, file)));
  return hash.digest("hex").slice(0, 16);
}

interface Sarif { runs?: Array<{ results?: Array<{ ruleId?: string; level?: string; message?: { text?: string };
  locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }> }> }> }

function diagnosticsOf(output: string): Diagnostic[] {
  const start = output.indexOf("{");
  if (start < 0) return [];
  const sarif = JSON.parse(output.slice(start)) as Sarif;
  return (sarif.runs ?? []).flatMap((run) => (run.results ?? []).map((r) => {
    const where = r.locations?.[0]?.physicalLocation;
    const uri = where?.artifactLocation?.uri ?? "";
    return {
      level: r.level ?? "error", rule: r.ruleId ?? "", line: where?.region?.startLine ?? 0,
      file: uri.startsWith("file://") ? relative(ROOT, new URL(uri).pathname) : uri,
      message: (r.message?.text ?? "").replace(/ \[https:\/\/aka\.ms\/[^\]]+\]$/, ""),
    };
  }));
}

function run(compiler: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(compiler, args, { cwd: ROOT, encoding: "utf8" });
  if (result.error) throw result.error;
  // `build` writes its SARIF to stderr, `lint` to stdout.
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function buildInfra(log: (line: string) => void = () => {}): InfraBuild {
  const compiler = findCompiler(log);
  if ("missing" in compiler) return { status: "missing", reason: compiler.missing };
  if ("failed" in compiler) return { status: "failed", reason: compiler.failed };
  const key = inputsHash(compiler.source);
  const dir = join(CACHE, key);
  const resultFile = join(dir, "result.json");
  if (existsSync(resultFile)) return { ...(JSON.parse(readFileSync(resultFile, "utf8")) as InfraBuild), cached: true } as InfraBuild;
  const staging = `${dir}.${process.pid}.tmp`;
  mkdirSync(staging, { recursive: true });
  const build = run(compiler.path, ["build", "infra/main.bicep", "--outfile", join(staging, "main.json"), "--diagnostics-format", "sarif"]);
  const lint = run(compiler.path, ["lint", "infra/main.bicep", "--diagnostics-format", "sarif"]);
  const seen = new Set<string>();
  const diagnostics = [...diagnosticsOf(build.output), ...diagnosticsOf(lint.output)].filter((d) => {
    const id = `${d.file}:${d.line}:${d.rule}:${d.message}`;
    return !seen.has(id) && Boolean(seen.add(id));
  });
  const errors = diagnostics.filter((d) => d.level === "error").length + (build.status === 0 ? 0 : diagnostics.length ? 0 : 1);
  const result: InfraBuild = {
    status: "built", compiler: compiler.source, templatePath: join(dir, "main.json"), diagnostics, errors,
    warnings: diagnostics.filter((d) => d.level === "warning").length, cached: false,
  };
  writeFileSync(join(staging, "result.json"), JSON.stringify(result, null, 2));
  rmSync(dir, { recursive: true, force: true });
  // Another process may have finished the same build first: its result is the same.
  try { renameSync(staging, dir); } catch { rmSync(staging, { recursive: true, force: true }); }
  return result;
}

export function summary(result: InfraBuild): string {
  if (result.status !== "built") return `Bicep: ${result.status === "missing" ? "no compiler" : "compiler restore failed"} (${result.reason})`;
  const lines = result.diagnostics.map((d) => `${d.file}(${d.line}) : ${d.level} ${d.rule}: ${d.message}`);
  return [`${result.compiler}: bicep build + bicep lint infra/main.bicep (and its modules)${result.cached ? " [cached]" : ""}`,
    ...lines, `${result.errors} errors, ${result.warnings} warnings`].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = buildInfra((line) => console.log(line));
  console.log(summary(result));
  if (result.status === "built") console.log(`ARM template: ${relative(ROOT, result.templatePath)}`);
  process.exitCode = result.status !== "built" || result.errors + result.warnings > 0 ? 1 : 0;
}
