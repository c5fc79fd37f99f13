// Human-readable progress of running instances: the step (from customStatus) and what each one waits on,
// derived from the host-side bookkeeping (pending activities, timers, children, external events).
import { ActionType } from "./durable/actions.js";
import { EventType } from "./durable/history.js";
import type { InstanceRecord } from "./durable/instance.js";

export interface ProgressEvent {
  at: string;
  instanceId: string;
  name: string;
  runtimeStatus: InstanceRecord["runtimeStatus"];
  /** From customStatus: a string, or its `step` / `stage` / `phase` field. */
  step?: string;
  waitingOn: string[];
  /** Set when the instance can never progress (see InstanceRecord.stuck). */
  stuck?: string;
  output?: unknown;
  /** One line for a console. */
  text: string;
}

function stepOf(customStatus: unknown): string | undefined {
  if (typeof customStatus === "string") return customStatus;
  if (typeof customStatus !== "object" || customStatus === null) return undefined;
  const { step, stage, phase } = customStatus as Record<string, unknown>;
  const value = step ?? stage ?? phase;
  return value === undefined ? undefined : String(value);
}

function pendingEvents(rec: InstanceRecord): string[] {
  const awaited = new Map<string, number>();
  for (const action of rec.execution.actions) {
    if (action.actionType !== ActionType.WaitForExternalEvent) continue;
    const name = action.identity.slice(action.identity.indexOf("(") + 1, -1);
    awaited.set(name, (awaited.get(name) ?? 0) + 1);
  }
  for (const event of rec.history) {
    if (event.EventType !== EventType.EventRaised) continue;
    const name = String(event.Name);
    if (awaited.has(name)) awaited.set(name, awaited.get(name)! - 1);
  }
  return [...awaited].filter(([, open]) => open > 0).map(([name]) => `event '${name}'`);
}

export function waitingOn(rec: InstanceRecord): string[] {
  const { activities, timers, children } = rec.execution;
  const waits = Object.values(activities).map((a) => `activity ${a.name}`);
  waits.push(...Object.values(children).map((c) => `sub-orchestration ${c.name} (${c.instanceId})`));
  for (const timer of Object.values(timers)) {
    const until = timer.finalFireAt ?? timer.fireAt;
    waits.push(timer.purpose === "retry" ? `retry back-off until ${timer.fireAt}` : `timer until ${until}`);
  }
  return [...waits, ...pendingEvents(rec)];
}

export function describeProgress(rec: InstanceRecord, now: number): ProgressEvent {
  const step = stepOf(rec.customStatus);
  const running = rec.runtimeStatus === "Running" || rec.runtimeStatus === "Pending";
  const waits = running ? waitingOn(rec) : [];
  const parts = [`${rec.name} [${rec.instanceId}] ${rec.runtimeStatus}`];
  if (step) parts.push(`step: ${step}`);
  if (waits.length) parts.push(`waiting on ${waits.join(", ")}`);
  if (rec.stuck) parts.push(`STUCK: ${rec.stuck}`);
  if (!running) parts.push(`output: ${JSON.stringify(rec.output)}`);
  const event: ProgressEvent = { at: new Date(now).toISOString(), instanceId: rec.instanceId, name: rec.name, runtimeStatus: rec.runtimeStatus, waitingOn: waits, text: parts.join(" — ") };
  if (step !== undefined) event.step = step;
  if (rec.stuck) event.stuck = rec.stuck;
  if (!running) event.output = rec.output;
  return event;
}
