// The saga's readable progress, kept in customStatus (what GET /api/provisionings/{id} shows):
// current step, steps done with their times, what it waits on, and the result or failure.
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
  result?: unknown;
  failure?: { step: string; reason: string };
  compensation?: CompensationRecord[];
}

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

  finish(result: unknown): void {
    this.begin("done");
    this.status.result = result;
    this.publish();
  }

  fail(failure: { step: string; reason: string }, compensation: CompensationRecord[]): void {
    this.begin("failed");
    this.status.failure = failure;
    this.status.compensation = compensation;
    this.publish();
  }
}
