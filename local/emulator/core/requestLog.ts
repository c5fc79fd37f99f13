// What the emulator answered, per request, with the outcome of spec validation (control calls not recorded).
import type { RequestCheck } from "../specs/validator.js";

export type Service = "arm" | "keyvault" | "other";

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  service: Service;
  /** HTTP status sent; 0 when a fault dropped the connection. */
  status: number;
  /**
   * Whether the request conforms to its operation, checked for every request, those answered early (fault, missing
   * auth, throttled) included; `null` only when the emulator failed before it could check.
   */
  valid: boolean | null;
  errors?: string[];
  /** Where the response body departs from the operation's response schema (an emulator defect). */
  responseErrors?: string[];
  /** Spec operationId or hand-validated template. */
  operation?: string;
  /**
   * The vendored spec version the request was checked against: the one it asked for (`exact`), or for an
   * api-version with no vendored spec the nearest one (`nearest`, counted apart in the summary).
   */
  specVersion?: string;
  versionMatch?: "exact" | "nearest";
  /** Why the request was answered early: `fault <id>`, `unauthenticated`, `throttled`. */
  note?: string;
  /** The client's User-Agent: tells the app's own requests from a test's or a tool's (what an audit keys on). */
  userAgent?: string;
}

export interface RequestLogView {
  requests: RequestLogEntry[];
  /**
   * `nearest`: requests (valid or not) checked against a nearer vendored version than the one they asked for.
   * `armWrites`: ARM PUT/PATCH/POST that passed the throttle (each took a write token); `throttled`: 429s the throttle
   * answered. Both count past the kept entries, for benchmarks of many requests.
   */
  summary: { total: number; valid: number; invalid: number; unchecked: number; nearest: number; armWrites: number; throttled: number };
}

/** The newest entries kept for `requests`; the summary counts every request since the last clear. */
const MAX_ENTRIES = 10_000;
/** What ARM's write bucket counts (core/throttle.ts: DELETE has its own). */
const ARM_WRITES = new Set(["PUT", "PATCH", "POST"]);

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private summary = emptySummary();

  /** `sink` also gets every entry as it is recorded (a cleared or capped log loses none there). */
  constructor(private readonly sink?: (entry: RequestLogEntry) => void) {}

  record(entry: RequestLogEntry): void {
    this.sink?.(entry);
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    this.summary.total++;
    this.summary[entry.valid === null ? "unchecked" : entry.valid ? "valid" : "invalid"]++;
    if (entry.versionMatch === "nearest") this.summary.nearest++;
    if (entry.note === "throttled") this.summary.throttled++;
    else if (entry.service === "arm" && ARM_WRITES.has(entry.method) && entry.note === undefined && entry.status !== 0) this.summary.armWrites++;
  }

  view(): RequestLogView {
    return { requests: this.entries.map((e) => ({ ...e })), summary: { ...this.summary } };
  }

  clear(): void {
    this.entries = [];
    this.summary = emptySummary();
  }
}

export function recordValidation(entry: RequestLogEntry, check: RequestCheck, bodyError: string | undefined): void {
  const errors = [...(bodyError ? [bodyError] : []), ...check.problems.map((p) => p.message)];
  entry.valid = errors.length === 0;
  if (errors.length > 0) entry.errors = errors;
  if (check.operation) entry.operation = check.operation;
  if (check.specVersion) entry.specVersion = check.specVersion;
  if (check.versionMatch) entry.versionMatch = check.versionMatch;
}

const emptySummary = (): RequestLogView["summary"] => ({ total: 0, valid: 0, invalid: 0, unchecked: 0, nearest: 0, armWrites: 0, throttled: 0 });
