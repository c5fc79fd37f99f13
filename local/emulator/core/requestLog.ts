// What the emulator answered, per request, with the outcome of spec validation (control calls not recorded).

export type Service = "arm" | "keyvault" | "other";

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  service: Service;
  /** HTTP status sent; 0 when a fault dropped the connection. */
  status: number;
  /** `null` when the request was answered before validation (fault, missing auth, throttled). */
  valid: boolean | null;
  errors?: string[];
  /** Where the response body departs from the operation's response schema (an emulator defect). */
  responseErrors?: string[];
  /** Spec operationId or hand-validated template. */
  operation?: string;
  /** Why the request was answered early: `fault <id>`, `unauthenticated`, `throttled`. */
  note?: string;
  /** The client's User-Agent: tells the app's own requests from a test's or a tool's (what an audit keys on). */
  userAgent?: string;
}

export interface RequestLogView {
  requests: RequestLogEntry[];
  summary: { total: number; valid: number; invalid: number; unchecked: number };
}

/** The newest entries kept for `requests`; the summary counts every request since the last clear. */
const MAX_ENTRIES = 10_000;

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
  }

  view(): RequestLogView {
    return { requests: this.entries.map((e) => ({ ...e })), summary: { ...this.summary } };
  }

  clear(): void {
    this.entries = [];
    this.summary = emptySummary();
  }
}

const emptySummary = (): RequestLogView["summary"] => ({ total: 0, valid: 0, invalid: 0, unchecked: 0 });
