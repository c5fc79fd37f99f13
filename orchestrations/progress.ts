// The saga's readable progress, kept in customStatus (what GET /api/provisionings/{id} shows): current
// step, steps done with their times, what it waits on, ids, and the failure. The result is the output,
// never the status: the extension fails an instance whose custom status exceeds 16 KB, after the
// orchestrator returned (host-and-service.md §1), so the status stays small (≤ 4 KB) whatever the request.
import type * as df from "durable-functions";

export interface StepRecord {
  step: string;
  startedAt: string;
  finishedAt?: string;
}

export interface CompensationRecord {
  action: string;
  outcome: "deleted" | "absent" | "notOwned" | "failed";
  error?: string;
}

export interface SagaStatus {
  step: string;
  steps: StepRecord[];
  waitingOn?: string;
  details?: Record<string, unknown>;
  failure?: { step: string; reason: string };
  compensation?: CompensationRecord[];
}

const MAX_REASON = 1_000;

export class SagaProgress {
  readonly status: SagaStatus = { step: "starting", steps: [] };

  constructor(private readonly ctx: df.OrchestrationContext) {}

  private now(): string {
    return this.ctx.df.currentUtcDateTime.toISOString();
  }

  private publish(): void {
    this.ctx.df.setCustomStatus(this.status);
  }

  begin(step: string, details?: Record<string, unknown>): void {
    const current = this.status.steps.at(-1);
    if (current && !current.finishedAt) current.finishedAt = this.now();
    this.status.steps.push({ step, startedAt: this.now() });
    this.status.step = step;
    delete this.status.waitingOn;
    if (details) this.status.details = { ...this.status.details, ...details };
    else delete this.status.details;
    this.publish();
  }

  waiting(text: string): void {
    this.status.waitingOn = text;
    this.publish();
  }

  finish(): void {
    this.begin("done");
  }

  fail(failure: { step: string; reason: string }, compensation: CompensationRecord[]): void {
    this.begin("failed");
    // Reasons quote Azure and node messages: bounded, so a verbose failure cannot push the status over the limit.
    this.status.failure = { step: failure.step, reason: failure.reason.slice(0, MAX_REASON) };
    this.status.compensation = compensation.map((c) => (c.error ? { ...c, error: c.error.slice(0, MAX_REASON / 4) } : c));
    this.publish();
  }
}
