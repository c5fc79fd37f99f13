// Long-running operations as ARM runs them (reference §3.1): an operation stays InProgress until `lroDelayMs` has
// passed on the injected clock, then completes on the next request (`settle`), so no timers are needed.
import { randomUUID } from "node:crypto";
import type { ErrorDetail } from "../core/errors.js";
import type { FaultRegistry } from "../core/faults.js";
import type { EmulatorContext } from "../types.js";

export type LroProvider = "Microsoft.DocumentDB" | "Microsoft.Network" | "Microsoft.Resources";
export type OperationStatus = "InProgress" | "Succeeded" | "Failed";

export interface OperationRecord {
  id: string;
  provider: LroProvider;
  subscriptionId: string;
  location: string;
  apiVersion: string;
  /** Name of the registered completion that applies the operation's effect. */
  kind: string;
  /** Id of the resource the operation writes. */
  target: string;
  /** Writes to resources sharing this key get 409 while the operation runs (a cluster and its data centers). */
  lockKey: string;
  startedAt: number;
  dueAt: number;
  status: OperationStatus;
  injectedFailure: boolean;
  endedAt?: number;
  error?: ErrorDetail;
}

export interface Completion {
  /** Applies the effect; returns an error when the operation must end Failed instead. */
  succeed(op: OperationRecord): ErrorDetail | undefined;
  /** Records the failure on the resource (`provisioningState: Failed`, `provisionError`). */
  fail(op: OperationRecord, error: ErrorDetail): void;
}

export type OperationStart = Pick<OperationRecord, "provider" | "subscriptionId" | "location" | "apiVersion" | "kind" | "target" | "lockKey">;

/** Finished operations stay pollable this long (clock ms), then are forgotten so state does not grow forever. */
const RETENTION_MS = 24 * 3_600_000;
const INJECTED_FAILURE: ErrorDetail = { code: "InjectedFault", message: "The emulator failed this operation on request (fault rule lroStatus: Failed)." };

export class LroEngine {
  private readonly operations: Map<string, OperationRecord>;
  private readonly completions = new Map<string, Completion>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly faults: FaultRegistry,
    private readonly delayMs: number,
  ) {
    this.operations = ctx.store.collection("arm.operations");
  }

  register(kind: string, completion: Completion): void {
    this.completions.set(kind, completion);
  }

  /** Starts an operation for the request `trigger`; a matching fault makes it end Failed (`lroStatus`) or last longer (`lroDelayMs`). */
  start(start: OperationStart, trigger: { method: string; path: string }): OperationRecord {
    const now = this.ctx.now();
    const fault = this.faults.takeLroFault(trigger.method, trigger.path);
    const op: OperationRecord = { ...start, id: randomUUID(), startedAt: now, dueAt: now + (fault.delayMs ?? this.delayMs),
      status: "InProgress", injectedFailure: fault.failed };
    this.operations.set(op.id, op);
    return op;
  }

  isLocked(lockKey: string): boolean {
    return [...this.operations.values()].some((op) => op.status === "InProgress" && op.lockKey === lockKey);
  }

  get(subscriptionId: string, id: string): OperationRecord | undefined {
    const op = this.operations.get(id.toLowerCase());
    return op && op.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() ? op : undefined;
  }

  /** Completes every operation whose time has come, oldest first. */
  settle(): void {
    const now = this.ctx.now();
    for (const [id, op] of this.operations) if (op.endedAt !== undefined && now - op.endedAt > RETENTION_MS) this.operations.delete(id);
    const due = [...this.operations.values()]
      .filter((op) => op.status === "InProgress" && op.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt || a.startedAt - b.startedAt);
    for (const op of due) {
      const completion = this.completions.get(op.kind);
      if (!completion) throw new Error(`no completion registered for operation kind ${op.kind}`);
      const error = op.injectedFailure ? INJECTED_FAILURE : completion.succeed(op);
      if (error) completion.fail(op, error);
      Object.assign(op, { status: error ? "Failed" : "Succeeded", endedAt: now }, error ? { error } : {});
    }
  }

  /** The `Azure-AsyncOperation` URL (absolute, on the emulator host, with api-version: reference §9). */
  statusUrl(op: OperationRecord): string {
    const leaf = op.provider === "Microsoft.DocumentDB" ? "operationsStatus" : "operations";
    return this.url(op, leaf);
  }

  /** LRO headers of an initial response; `withLocation` for DELETE (reference §1.1, §4.1). */
  headers(op: OperationRecord, withLocation: boolean): Record<string, string> {
    // A resource group delete answers 202 with only a Location (resources.json ResourceGroups_Delete).
    if (op.provider === "Microsoft.Resources") {
      return { Location: `${this.ctx.baseUrl}/subscriptions/${op.subscriptionId}/operationresults/${op.id}?api-version=${encodeURIComponent(op.apiVersion)}`,
        ...this.retryAfter() };
    }
    const headers: Record<string, string> = { "Azure-AsyncOperation": this.statusUrl(op), ...this.retryAfter() };
    // Cosmos' DELETE example points Location at the same status URL; Network uses operationResults.
    if (withLocation) headers.Location = op.provider === "Microsoft.DocumentDB" ? this.statusUrl(op) : this.url(op, "operationResults");
    return headers;
  }

  /** `Retry-After` replaces the SDK's poll interval (reference §3.2): only sent for slow emulated operations. */
  retryAfter(): Record<string, string> {
    return this.delayMs >= 1000 ? { "Retry-After": "1" } : {};
  }

  private url(op: OperationRecord, leaf: string): string {
    return `${this.ctx.baseUrl}/subscriptions/${op.subscriptionId}/providers/${op.provider}/locations/${op.location}/${leaf}/${op.id}?api-version=${encodeURIComponent(op.apiVersion)}`;
  }
}
