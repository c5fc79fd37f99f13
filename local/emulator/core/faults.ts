// Fault injection by rule: a canned response, a delay, a dropped connection, a failed or a slow LRO.
import { setTimeout as sleep } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import { z } from "zod";

export const FaultRuleInput = z.object({
  match: z
    .object({
      method: z.string().transform((m) => m.toUpperCase()).optional(),
      /** A regular expression tested against the URL path. */
      pathPattern: z.string().refine(isRegExp, "pathPattern must be a valid regular expression").optional(),
    })
    .default({}),
  response: z.union([
    z.object({
      status: z.number().int().min(100).max(599),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
    z.object({ delayMs: z.number().int().min(0) }),
    z.object({ lroStatus: z.literal("Failed") }),
    /** The next LRO a matching request starts stays InProgress this long (clock ms) instead of `lroDelayMs`. */
    z.object({ lroDelayMs: z.number().int().min(0) }),
    z.object({ drop: z.literal(true) }),
  ]),
  /** How many matching requests the rule affects; unlimited when absent. */
  times: z.number().int().positive().optional(),
});
export type FaultRuleInput = z.input<typeof FaultRuleInput>;
export type FaultAction = z.output<typeof FaultRuleInput>["response"];

export interface FaultRule {
  id: string;
  match: { method?: string; pathPattern?: string };
  response: FaultAction;
  remaining?: number;
}

export class FaultRegistry {
  private rules: FaultRule[] = [];

  add(input: FaultRuleInput): string {
    const parsed = FaultRuleInput.parse(input);
    const id = randomUUID();
    this.rules.push({ id, match: parsed.match, response: parsed.response, ...(parsed.times ? { remaining: parsed.times } : {}) });
    return id;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The first request-level rule (response, delay, drop) matching the request, consuming one use. */
  takeRequestFault(method: string, path: string): FaultRule | undefined {
    return this.take(method, path, (rule) => !isLroRule(rule));
  }

  /** How the LRO the request is starting departs from normal (`lroStatus: Failed`, `lroDelayMs`), consuming one use. */
  takeLroFault(method: string, path: string): { failed: boolean; delayMs?: number } {
    const action = this.take(method, path, isLroRule)?.response;
    if (!action) return { failed: false };
    return "lroDelayMs" in action ? { failed: false, delayMs: action.lroDelayMs } : { failed: true };
  }

  private take(method: string, path: string, kind: (rule: FaultRule) => boolean): FaultRule | undefined {
    const rule = this.rules.find((r) => kind(r) && matches(r, method, path));
    if (!rule) return undefined;
    if (rule.remaining !== undefined && --rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}

const isLroRule = (rule: FaultRule) => "lroStatus" in rule.response || "lroDelayMs" in rule.response;

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.match.method && rule.match.method !== method) return false;
  return !rule.match.pathPattern || new RegExp(rule.match.pathPattern).test(path);
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** What a request fault answers: a canned response or a dropped connection; `undefined` to go on (after a delay). */
export async function faultAnswer(fault: FaultRule): Promise<{ status: number; headers?: Record<string, string>; body?: unknown } | "dropped" | undefined> {
  const action = fault.response;
  if ("drop" in action) return "dropped";
  if ("status" in action) return { status: action.status, ...(action.headers ? { headers: action.headers } : {}), ...(action.body === undefined ? {} : { body: action.body }) };
  if ("delayMs" in action) await sleep(action.delayMs);
  return undefined;
}
