// Where two vendored versions of an operation differ, a request and its answer follow the version asked for: a
// property that only another version's schema defines is dropped (e.g. Key Vault's `preserveCertOrder` or
// `sans.ipAddresses`, new in certificates 2025-07-01, are not part of a 7.5 exchange). Nothing else is touched, so
// an operation whose versions agree passes through unchanged.
import type { SpecCatalog } from "./catalog.js";
import { isRef } from "./specFiles.js";

interface Located {
  node: Record<string, unknown>;
  base: string;
}

type Properties = Map<string, Located>;

export function projectToVersion(catalog: SpecCatalog, value: unknown, chosen: string | undefined, others: readonly string[]): unknown {
  if (!chosen || others.length === 0) return value;
  const at = (ref: string): Located => locate(catalog, { $ref: ref }, ref);
  return project(catalog, value, at(chosen), others.map(at));
}

function project(catalog: SpecCatalog, value: unknown, chosen: Located | undefined, others: Located[]): unknown {
  if (!chosen || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = (l: Located) => child(catalog, l, l.node.items);
    return value.map((v) => project(catalog, v, items(chosen), others.flatMap((o) => items(o) ?? [])));
  }
  const mine = propertiesOf(catalog, chosen);
  const theirs = others.map((o) => propertiesOf(catalog, o));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const own = mine.get(key) ?? child(catalog, chosen, chosen.node.additionalProperties);
    if (!mine.has(key) && theirs.some((t) => t.has(key))) continue;
    out[key] = project(catalog, v, own, theirs.flatMap((t) => t.get(key) ?? []));
  }
  return out;
}

function locate(catalog: SpecCatalog, node: unknown, base: string): Located {
  let current = { node: node as Record<string, unknown>, base };
  for (let hops = 0; isRef(current.node) && hops < 32; hops++) {
    const { value, ref } = catalog.resolve(current.node.$ref, current.base);
    current = { node: value, base: ref };
  }
  return current;
}

function child(catalog: SpecCatalog, parent: Located, node: unknown): Located | undefined {
  return node && typeof node === "object" ? locate(catalog, node, parent.base) : undefined;
}

const cache = new WeakMap<object, Properties>();

/** Declared properties of a schema, `allOf` parents included. */
function propertiesOf(catalog: SpecCatalog, located: Located): Properties {
  const cached = cache.get(located.node);
  if (cached) return cached;
  const out: Properties = new Map();
  cache.set(located.node, out);
  for (const part of (located.node.allOf as unknown[] | undefined) ?? []) {
    for (const [key, value] of propertiesOf(catalog, locate(catalog, part, located.base))) out.set(key, value);
  }
  for (const [key, value] of Object.entries((located.node.properties as Record<string, unknown> | undefined) ?? {})) {
    out.set(key, locate(catalog, value, located.base));
  }
  return out;
}
