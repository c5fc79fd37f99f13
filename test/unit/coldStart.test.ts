// Cold start stays light (architecture.md "Start-up cost"): what src/main.ts reaches through static imports holds
// neither the OpenTelemetry API nor the Azure Monitor distro; telemetry, the status page and the OpenAPI document
// are reached only through import() on first use. Read with the TypeScript parser: type-only imports are erased.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest);
  return source.statements.flatMap((s) => {
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly) {
      const named = s.importClause?.namedBindings;
      const allTypes = !s.importClause?.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      return allTypes ? [] : [(s.moduleSpecifier as ts.StringLiteral).text];
    }
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) return [(s.moduleSpecifier as ts.StringLiteral).text];
    return [];
  });
}

/** Every module main.ts evaluates at load: repo files as paths, packages by name. */
function reachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith(".")) visit(relative(root, resolve(root, dirname(file), specifier)).replace(/\.js$/, ".ts"));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

describe("cold start", () => {
  const reached = reachedFrom("src/main.ts");

  it("loads no telemetry SDK, status page or OpenAPI document", () => {
    expect(reached.has("src/telemetry/hooks.ts")).toBe(true); // the walk does follow main.ts's imports
    expect([...reached].filter((m) => /^@opentelemetry\/|^@azure\/monitor-opentelemetry/.test(m))).toEqual([]);
    expect([...reached].filter((m) => /src\/telemetry\/(emit|notify)\.ts|src\/functions\/(statusPage|openapi)\.ts/.test(m))).toEqual([]);
  });

  it("reaches the distro through import() in install.ts only", () => {
    const text = readFileSync(join(root, "src/telemetry/install.ts"), "utf8");
    expect(text).toMatch(/await import\("@azure\/monitor-opentelemetry"\)/);
    expect(staticImports("src/telemetry/install.ts")).toEqual([]);
  });
});
