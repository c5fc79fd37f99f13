// Path-template matching shared by request routing and spec-operation lookup.
// Templates look like `/subscriptions/{subscriptionId}/providers/x/{name}`; a `{param}` is one segment.

export interface Template<T> {
  method: string;
  path: string;
  value: T;
}

export interface TemplateMatch<T> {
  value: T;
  template: string;
  params: Record<string, string>;
}

interface CompiledTemplate<T> extends Template<T> {
  segments: Array<{ literal: string } | { param: string }>;
}

export interface MatchOptions {
  /** Let a parameter in the last segment match an empty string (Key Vault `GET /certificates/c1/`). */
  allowEmptyLastParam?: boolean;
}

export interface Router<T> {
  /** Best match for method + path: literal segments beat parameters, left to right. */
  match(method: string, pathname: string, options?: MatchOptions): TemplateMatch<T> | undefined;
  /** True when some template matches the path under another method (for 405 answers). */
  hasPath(pathname: string): boolean;
}

export function createRouter<T>(templates: Array<Template<T>>): Router<T> {
  const compiled = templates.map(compile);
  const candidates = (pathname: string, options: MatchOptions) => {
    const parts = pathname.split("/").slice(1);
    return compiled.flatMap((t) => {
      const params = matchSegments(t, parts, options);
      return params ? [{ t, params, score: t.segments.map((s) => ("literal" in s ? "1" : "0")).join("") }] : [];
    });
  };
  return {
    match(method, pathname, options = {}) {
      const best = candidates(pathname, options)
        .filter((c) => c.t.method === method)
        .sort((a, b) => (a.score < b.score ? 1 : a.score > b.score ? -1 : 0))[0];
      return best && { value: best.t.value, template: best.t.path, params: best.params };
    },
    hasPath(pathname) {
      return candidates(pathname, {}).length > 0;
    },
  };
}

function compile<T>(template: Template<T>): CompiledTemplate<T> {
  const segments = template.path
    .split("/")
    .slice(1)
    .map((s) => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s.toLowerCase() }));
  return { ...template, segments };
}

function matchSegments<T>(
  t: CompiledTemplate<T>,
  parts: string[],
  options: MatchOptions,
): Record<string, string> | undefined {
  if (parts.length !== t.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of t.segments.entries()) {
    const part = parts[i] ?? "";
    // ARM treats literal path segments case-insensitively (`resourcegroups` = `resourceGroups`).
    if ("literal" in segment) {
      if (part.toLowerCase() !== segment.literal) return undefined;
      continue;
    }
    const isLast = i === t.segments.length - 1;
    if (part === "" && !(isLast && options.allowEmptyLastParam)) return undefined;
    try {
      params[segment.param] = decodeURIComponent(part);
    } catch {
      return undefined;
    }
  }
  return params;
}
