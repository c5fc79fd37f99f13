// Which row of the permissions table a request is (method + path template, `{x}` = one segment). Literal
// segments win over placeholders, so `/certificates/{name}/pending` is not read as a version.
import type { Permission } from "../../../src/adapters/permissions.js";

const segmentsOf = (path: string) => path.replace(/\/+$/, "").split("/").filter(Boolean);

function score(permission: Permission, method: string, path: string[]): number | undefined {
  if (permission.method !== method.toUpperCase()) return undefined;
  const template = segmentsOf(permission.path);
  if (template.length !== path.length) return undefined;
  let literals = 0;
  for (const [i, part] of template.entries()) {
    const actual = decodeURIComponent(path[i]!);
    const placeholder = /^\{(\w+)\}$/.exec(part)?.[1];
    if (placeholder) {
      if (permission.segments?.[placeholder] && !permission.segments[placeholder].test(actual)) return undefined;
    } else if (part.toLowerCase() === actual.toLowerCase()) {
      literals++;
    } else {
      return undefined;
    }
  }
  return literals;
}

export function matchPermission(table: readonly Permission[], method: string, path: string): Permission | undefined {
  const parts = segmentsOf(path);
  let best: { permission: Permission; literals: number } | undefined;
  for (const permission of table) {
    const literals = score(permission, method, parts);
    if (literals !== undefined && (!best || literals > best.literals)) best = { permission, literals };
  }
  return best?.permission;
}
