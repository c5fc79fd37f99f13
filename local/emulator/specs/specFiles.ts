// Reading the vendored swagger files: listing them, JSON-pointer $ref resolution, and in-memory rewrites.
import fs from "node:fs";
import path from "node:path";

export type SpecDocument = Record<string, unknown>;

/** Every non-example JSON file under `dir`. */
export function listSpecFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "examples" ? [] : listSpecFiles(full);
    return entry.name.endsWith(".json") ? [full] : [];
  });
}

/** `x-ms-examples` point at example files Ajv must never try to load (specs README, step 2). */
export function stripExamples(doc: SpecDocument): void {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const op of Object.values(item)) if (op && typeof op === "object") delete op["x-ms-examples"];
  }
}

export function rewriteRefs(node: unknown, from: string, to: string): void {
  if (Array.isArray(node)) node.forEach((child) => rewriteRefs(child, from, to));
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(from)) record[key] = to + value.slice(from.length);
      else rewriteRefs(value, from, to);
    }
  }
}

/** The value a `$ref` points at and its absolute Ajv reference (`<file url>#<pointer>`). */
export function resolveRef(documents: Map<string, SpecDocument>, ref: string, base: string) {
  const absolute = new URL(ref, base);
  const fragment = decodeURIComponent(absolute.hash.slice(1));
  absolute.hash = "";
  const doc = documents.get(absolute.href);
  if (!doc) throw new Error(`unresolvable $ref ${ref} from ${base}`);
  let value: unknown = doc;
  for (const key of fragment.split("/").slice(1)) value = (value as Record<string, unknown>)[unescapePointer(key)];
  return { value: value as Record<string, unknown>, ref: `${absolute.href}#${fragment}` };
}

export const isRef = (p: unknown): p is { $ref: string } => typeof (p as { $ref?: unknown }).$ref === "string";
export const escapePointer = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
