// Orchestrators read like a runbook on one screen (house-style.md): an orchestrator file stays within
// 100 lines and no function in orchestrations/ runs over 60. Measured on the TypeScript syntax tree.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const folder = resolve(import.meta.dirname, "../../orchestrations");
const files = readdirSync(folder).filter((f) => f.endsWith(".ts"));

function longFunctions(name: string, text: string, limit: number): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const label = (node as ts.FunctionLikeDeclaration).name?.getText(source) ?? "(anonymous)";
      if (lines > limit) found.push(`${name}: ${label} has ${lines} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("orchestration size", () => {
  it("keeps orchestrator files within 100 lines", () => {
    const long = files.filter((f) => f.endsWith(".orchestrator.ts"))
      .map((f) => [f, readFileSync(join(folder, f), "utf8").split("\n").filter((l, i, all) => i < all.length - 1 || l).length] as const)
      .filter(([, lines]) => lines > 100);
    expect(files.some((f) => f.endsWith(".orchestrator.ts"))).toBe(true);
    expect(long).toEqual([]);
  });

  it("keeps every function in orchestrations/ within 60 lines", () => {
    expect(files.flatMap((f) => longFunctions(f, readFileSync(join(folder, f), "utf8"), 60))).toEqual([]);
  });

  it("measures a long function as long (positive control)", () => {
    const body = Array.from({ length: 61 }, (_, i) => `  yield ${i};`).join("\n");
    expect(longFunctions("x.ts", `export function* f() {\n${body}\n}\n`, 60)).toEqual(["x.ts: f has 63 lines"]);
  });
});
