// ASP.NET-style route templates as the Functions host accepts them for HTTP triggers (durable-runtime.md
// §2.4): literal segments (case-insensitive), `{name}`, `{name?}`, `{*rest}`, `{name:int}`-style constraints.
// Routes are ordered literal-first, like the host's route precedence.

type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string; optional: boolean; catchAll: boolean; constraint?: string };

export interface CompiledRoute {
  template: string;
  segments: Segment[];
  /** Sort key: lower is more specific. */
  precedence: number[];
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  bool: /^(true|false)$/i,
  alpha: /^[a-z]+$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
};

function parseSegment(text: string): Segment {
  const param = /^\{(\*)?([^}:?=]+)(?::([^}?=]+))?(\?)?\}$/.exec(text);
  if (!param) return { kind: "literal", text };
  const [, star, name = "", constraint, optional] = param;
  const segment: Segment = { kind: "param", name, optional: Boolean(optional), catchAll: Boolean(star) };
  if (constraint) segment.constraint = constraint.toLowerCase();
  return segment;
}

function rank(segment: Segment): number {
  if (segment.kind === "literal") return 0;
  if (segment.catchAll) return 4;
  if (segment.optional) return 3;
  return segment.constraint ? 1 : 2;
}

export function compileRoute(template: string): CompiledRoute {
  const trimmed = template.replace(/^\/+|\/+$/g, "");
  const segments = trimmed === "" ? [] : trimmed.split("/").map(parseSegment);
  return { template, segments, precedence: segments.map(rank) };
}

export function comparePrecedence(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.max(a.precedence.length, b.precedence.length); i++) {
    const diff = (a.precedence[i] ?? -1) - (b.precedence[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Route parameters when `path` (decoded segments) matches, else undefined. */
export function matchRoute(route: CompiledRoute, path: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    const value = path[i];
    if (segment.kind === "literal") {
      if (value === undefined || value.toLowerCase() !== segment.text.toLowerCase()) return undefined;
      continue;
    }
    if (segment.catchAll) {
      const rest = path.slice(i).join("/");
      if (rest !== "") params[segment.name] = rest;
      return params;
    }
    if (value === undefined || value === "") {
      if (!segment.optional) return undefined;
      continue;
    }
    if (segment.constraint && CONSTRAINTS[segment.constraint] && !CONSTRAINTS[segment.constraint]!.test(value)) return undefined;
    params[segment.name] = value;
  }
  return path.length <= route.segments.length ? params : undefined;
}
