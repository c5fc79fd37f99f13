// The layering is checked, not hoped for (architecture.md "Layout"): orchestrators see contracts and the
// domain only, triggers never reach into activities, and the domain depends on nothing but itself.
// Imports are read with the TypeScript compiler's own scanner (ts.preProcessFile), comments and strings aside.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** Repo-relative paths of the .ts files under a folder. */
function sources(folder: string): string[] {
  return (readdirSync(join(root, folder), { recursive: true, encoding: "utf8" }) as string[])
    .filter((f) => f.endsWith(".ts")).map((f) => join(folder, f));
}

/** Each import of a file: the specifier as written, and the repo-relative file it names (for relative ones). */
function importsOf(file: string, text = readFileSync(join(root, file), "utf8")): Array<{ specifier: string; target?: string }> {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => ({
    specifier: fileName,
    ...(fileName.startsWith(".") ? { target: relative(root, resolve(root, dirname(file), fileName)).replace(/\.js$/, ".ts") } : {}),
  }));
}

interface Rule { from: string; forbidden: (i: { specifier: string; target?: string }) => boolean; why: string }

const isSdk = (s: string) => s.startsWith("@azure/") || s === "durable-functions" || s === "@peculiar/x509";
const isIo = (s: string) => /^(node:)?(fs|fs\/promises|net|tls|http|https|child_process|dgram|dns)$/.test(s);

const rules: Rule[] = [
  { from: "orchestrations", forbidden: (i) => !!i.target?.startsWith("src/adapters/"), why: "orchestrators do no I/O" },
  { from: "orchestrations", forbidden: (i) => !!i.target?.match(/^activities\/.*\.activity\.ts$/), why: "orchestrators call activities through their contracts" },
  { from: "orchestrations", forbidden: (i) => !!i.target?.startsWith("src/config"), why: "orchestrators read no configuration" },
  { from: "src/functions", forbidden: (i) => !!i.target?.startsWith("activities/"), why: "triggers use adapters, not activity handlers" },
  { from: "src/domain", forbidden: (i) => !!i.target && !i.target.startsWith("src/domain/"), why: "the domain depends on nothing but itself (config included: it has its own settings types)" },
  { from: "src/domain", forbidden: (i) => isSdk(i.specifier) || isIo(i.specifier), why: "the domain imports no SDK and no I/O" },
];

function violations(files: Array<{ file: string; text?: string }>): string[] {
  return files.flatMap(({ file, text }) => rules.filter((r) => file.startsWith(`${r.from}/`))
    .flatMap((r) => importsOf(file, text).filter(r.forbidden).map((i) => `${file} → ${i.specifier}: ${r.why}`)));
}

describe("layering", () => {
  it("holds for every source file", () => {
    const files = ["orchestrations", "src", "activities"].flatMap(sources).map((file) => ({ file }));
    expect(files.length).toBeGreaterThan(50);
    expect(violations(files)).toEqual([]);
  });

  // Positive controls: each rule catches the import it is about (a rule that matches nothing proves nothing).
  it.each([
    ["orchestrations/x.orchestrator.ts", 'import { buildAdapters } from "../src/adapters/index.js";'],
    ["orchestrations/x.orchestrator.ts", 'import type { EndpointReading } from "../activities/privateEndpoint.activity.js";'],
    ["orchestrations/x.ts", 'import { loadConfig } from "../src/config.js";'],
    ["src/functions/x.ts", 'import { readCertificateInventory } from "../../activities/inventory.activity.js";'],
    ["src/functions/x.ts", 'import type { StepResult } from "../../activities/contracts.js";'],
    ["src/domain/x.ts", 'import type { Config } from "../config.js";'],
    ["src/domain/x.ts", 'import { CertificateClient } from "@azure/keyvault-certificates";'],
    ["src/domain/x.ts", 'import { readFileSync } from "node:fs";'],
    ["src/domain/x.ts", 'import type { Adapters } from "../adapters/index.js";'],
    ["src/domain/x.ts", 'export { parse } from "../names.js";'],
  ])("refuses %s importing: %s", (file, text) => {
    expect(violations([{ file, text }])).toHaveLength(1);
  });

  it("allows what the layers are for", () => {
    expect(violations([
      { file: "orchestrations/x.ts", text: 'import type { InputOf } from "../activities/contracts.js";\nimport { decideRotation } from "../src/domain/rotation.js";\nimport { activities } from "../src/names.js";' },
      { file: "src/functions/x.ts", text: 'import { readInventory } from "../adapters/certificateInventory.js";' },
      { file: "src/domain/x.ts", text: 'import type { ClusterRef } from "./ids.js";' },
    ])).toEqual([]);
  });
});
