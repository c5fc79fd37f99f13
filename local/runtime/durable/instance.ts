// The persisted state of one orchestration instance: status, the current execution's history, events not
// yet delivered (one per episode, durable-runtime.md §1 decision 3) and the host-side bookkeeping of §4.
import type { ActionType, WireRetryOptions } from "./actions.js";
import type { HistoryEvent } from "./history.js";

export type RuntimeStatus =
  | "Pending"
  | "Running"
  | "Completed"
  | "ContinuedAsNew"
  | "Failed"
  | "Canceled"
  | "Terminated"
  | "Suspended";

const TERMINAL: ReadonlySet<RuntimeStatus> = new Set(["Completed", "Failed", "Canceled", "Terminated"]);
export const isTerminal = (status: RuntimeStatus) => TERMINAL.has(status);

export interface ParentRef {
  instanceId: string;
  executionId: string;
  taskId: number;
}

export interface PendingActivity {
  name: string;
  /** The action's input as the SDK sent it (strings already JSON-encoded once more, §3.5). */
  input: unknown;
  retryKey?: number;
}

export interface PendingTimer {
  fireAt: string;
  purpose: "user" | "retry" | "segment";
  /** Flattened index of the action that owns the timer (CreateTimer, or the retried call). */
  actionIndex: number;
  /** Long timers (§4.4): the user's fire time; `fireAt` is the current segment's. */
  finalFireAt?: string;
}

export interface PendingChild {
  instanceId: string;
  name: string;
  input: unknown;
  version: string | null;
  retryKey?: number;
}

/** Host-driven retries (§4.3), keyed by the flattened index of the *WithRetry action. */
export interface RetryState {
  kind: "activity" | "subOrchestration";
  name: string;
  input: unknown;
  instanceId?: string;
  version: string | null;
  options: WireRetryOptions;
  firstAttemptAt: number;
  attempt: number;
}

export interface MaterializedAction {
  actionType: ActionType;
  identity: string;
}

export interface ExecutionState {
  executionId: string;
  /** Next host sequence number; must track the SDK's counter exactly (§4.1–4.2). */
  nextId: number;
  actions: MaterializedAction[];
  activities: Record<number, PendingActivity>;
  timers: Record<number, PendingTimer>;
  children: Record<number, PendingChild>;
  retries: Record<number, RetryState>;
}

export interface InboxItem {
  event: HistoryEvent;
  /** null: addressed to the instance, whatever execution is current (external events survive continueAsNew). */
  executionId: string | null;
}

export interface InstanceRecord {
  instanceId: string;
  name: string;
  version: string | null;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  runtimeStatus: RuntimeStatus;
  createdTime: number;
  lastUpdatedTime: number;
  parent: ParentRef | null;
  history: HistoryEvent[];
  inbox: InboxItem[];
  execution: ExecutionState;
  /** Executions so far (1 + continueAsNew count). */
  generation: number;
  /** Stack or details of the failure, handed to a parent orchestration as `Details`. */
  failureDetails?: string;
  /** Why the instance can never progress although Running (e.g. retry timeout elapsed, §4.3 / #629). */
  stuck?: string;
}

export function newExecution(executionId: string): ExecutionState {
  return { executionId, nextId: 0, actions: [], activities: {}, timers: {}, children: {}, retries: {} };
}
