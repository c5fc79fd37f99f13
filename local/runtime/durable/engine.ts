// The orchestration engine: owns every instance record, delivers events one per episode per instance
// (durable-runtime.md §1 decision 3, §4.5), commits episodes atomically to the store, and hands the
// resulting work to the dispatcher. Public operations mirror the Durable HTTP API (§6.2).
import type { Clock } from "../clock.js";
import type { FunctionRegistry } from "../core/registry.js";
import type { ClientDataProvider } from "../core/triggerInputs.js";
import type { InstanceStore } from "../store/instanceStore.js";
import { EpisodeLoop } from "./episodeLoop.js";
import type { FailureMode } from "./failures.js";
import { eventRaised, type HistoryEvent } from "./history.js";
import { isTerminal, type InstanceRecord, type PendingChild } from "./instance.js";
import { newInstanceRecord, terminate } from "./lifecycle.js";
import { checkStart } from "./startRules.js";
import { childRecord, tellParent } from "./subOrchestrations.js";
import { WorkDispatcher } from "./workDispatcher.js";
import { WorkTracker } from "./workTracker.js";

export interface EngineOptions {
  registry: FunctionRegistry;
  store: InstanceStore;
  clock: Clock;
  failureMode: FailureMode;
  maxConcurrentActivities: number;
  /** host.json durableTask.defaultVersion: instances started without a version get this one. */
  defaultVersion?: string;
  clientData: ClientDataProvider;
  onChange(rec: InstanceRecord): void;
}

export type SignalOutcome = "accepted" | "notFound" | "gone";

export class OrchestrationEngine {
  readonly records = new Map<string, InstanceRecord>();
  readonly tracker = new WorkTracker();
  readonly dispatcher: WorkDispatcher;
  readonly #loop: EpisodeLoop;
  #alive = true;

  constructor(private readonly options: EngineOptions) {
    this.dispatcher = new WorkDispatcher({
      ...options,
      tracker: this.tracker,
      isAlive: () => this.#alive,
      deliver: (instanceId, executionId, event) => this.deliver(instanceId, executionId, event),
      startChild: (parent, taskId, child) => this.startChild(parent, taskId, child),
    });
    this.#loop = new EpisodeLoop({
      ...options,
      records: this.records,
      dispatcher: this.dispatcher,
      tracker: this.tracker,
      isAlive: () => this.#alive,
      finish: (rec) => this.#finish(rec),
    });
  }

  /** Throws StartError when the host would refuse the start. */
  start(name: string, args: { instanceId?: string; input?: unknown; version?: string | null } = {}): InstanceRecord {
    const checked = checkStart(this.options.registry, this.records, name, args.instanceId);
    this.dispatcher.cancelAlarms(checked.instanceId);
    const rec = newInstanceRecord({ ...checked, input: args.input, version: args.version ?? this.options.defaultVersion ?? null, parent: null, now: this.options.clock.now() });
    this.#admit(rec);
    return rec;
  }

  raiseEvent(instanceId: string, eventName: string, data: unknown): SignalOutcome {
    const rec = this.records.get(instanceId);
    if (!rec) return "notFound";
    if (isTerminal(rec.runtimeStatus)) return "gone";
    rec.inbox.push({ event: eventRaised(this.options.clock.now(), eventName, data), executionId: null });
    this.#commit(rec);
    return "accepted";
  }

  terminate(instanceId: string, reason: string | null): SignalOutcome {
    const rec = this.records.get(instanceId);
    if (!rec) return "notFound";
    if (isTerminal(rec.runtimeStatus)) return "gone";
    terminate(rec, reason, this.options.clock.now());
    this.#commit(rec);
    return "accepted";
  }

  /** Only finished instances are purged; running ones keep their state. */
  purge(instanceId: string): boolean {
    const rec = this.records.get(instanceId);
    if (!rec || !isTerminal(rec.runtimeStatus)) return false;
    this.records.delete(instanceId);
    this.options.store.delete(instanceId);
    return true;
  }

  /** Queues a completion for one execution; dropped when stale or the instance has finished. */
  deliver(instanceId: string, executionId: string | null, event: HistoryEvent): void {
    const rec = this.records.get(instanceId);
    if (!this.#alive || !rec || isTerminal(rec.runtimeStatus)) return;
    if (executionId !== null && executionId !== rec.execution.executionId) return;
    rec.inbox.push({ event, executionId });
    this.#commit(rec);
  }

  /**
   * DT.AS de-duplicates client starts but not sub-orchestration starts (OrchestrationSessionManager.cs): a child
   * started under the id of a running instance replaces it at once (new execution, the old history gone, its
   * pending work dropped as stale), as seen on 3.19.0 (docs/real-extension.md #2; host-and-service.md #2).
   */
  startChild(parent: InstanceRecord, taskId: number, child: PendingChild): void {
    this.dispatcher.cancelAlarms(child.instanceId);
    this.#admit(childRecord(parent, taskId, child, this.options.defaultVersion, this.options.clock.now()));
  }

  /** Registers, persists and starts processing a new record (persisted first: one the store refuses is no Pending ghost). */
  #admit(rec: InstanceRecord): void {
    this.options.store.save(rec);
    this.records.set(rec.instanceId, rec);
    this.#commit(rec);
  }

  #commit(rec: InstanceRecord): void {
    this.options.store.save(rec);
    if (isTerminal(rec.runtimeStatus)) this.#finish(rec);
    this.options.onChange(rec);
    this.kick(rec.instanceId);
  }

  /** Cancels the rest of a finished instance's work and tells its parent. */
  #finish(rec: InstanceRecord): void {
    this.dispatcher.cancelAlarms(rec.instanceId);
    this.notifyParent(rec);
  }

  notifyParent(rec: InstanceRecord): void {
    tellParent(rec, this.options.clock.now(), this.options.failureMode, (instanceId, executionId, event) => this.deliver(instanceId, executionId, event));
  }

  kick(instanceId: string): void {
    this.#loop.kick(instanceId);
  }

  idle(): Promise<void> {
    return this.tracker.idle();
  }

  /** Stops like a killed process: no more writes, alarms dropped, in-flight work abandoned. */
  kill(): void {
    this.#alive = false;
    this.dispatcher.cancelAlarms();
    this.options.store.close();
  }
}
