// Delivers each instance's inbox one event per episode (durable-runtime.md §1 decision 3, §4.5), in order,
// one episode at a time per instance. An episode runs on copies and is committed only if the instance did
// not change meanwhile (terminated, restarted, host killed) — then persisted before its work is dispatched.
import type { Clock } from "../clock.js";
import { describeError } from "../core/invoker.js";
import type { FunctionRegistry } from "../core/registry.js";
import type { InstanceStore } from "../store/instanceStore.js";
import { runEpisode, type EpisodeResult } from "./episode.js";
import { isTerminal, type InboxItem, type InstanceRecord } from "./instance.js";
import { commitEpisode } from "./lifecycle.js";
import { emptyEffects } from "./scheduling.js";
import type { WorkDispatcher } from "./workDispatcher.js";
import type { WorkTracker } from "./workTracker.js";

export interface EpisodeLoopDeps {
  registry: FunctionRegistry;
  clock: Clock;
  store: InstanceStore;
  records: Map<string, InstanceRecord>;
  dispatcher: WorkDispatcher;
  tracker: WorkTracker;
  isAlive(): boolean;
  onChange(rec: InstanceRecord): void;
  /** Called once when an episode leaves the instance terminal. */
  finish(rec: InstanceRecord): void;
}

export class EpisodeLoop {
  readonly #draining = new Set<string>();

  constructor(private readonly deps: EpisodeLoopDeps) {}

  kick(instanceId: string): void {
    if (this.#draining.has(instanceId)) return;
    this.#draining.add(instanceId);
    void this.deps.tracker.track(this.#drain(instanceId).finally(() => this.#draining.delete(instanceId)));
  }

  async #drain(instanceId: string): Promise<void> {
    const { records, store, dispatcher, clock } = this.deps;
    for (;;) {
      const rec = records.get(instanceId);
      const item = rec?.inbox[0];
      if (!this.deps.isAlive() || !rec || !item || isTerminal(rec.runtimeStatus)) return;
      const executionId = rec.execution.executionId;
      if (item.executionId !== null && item.executionId !== executionId) {
        rec.inbox.shift(); // stale: addressed to an execution that ended (continueAsNew)
        store.save(rec);
        continue;
      }
      const now = clock.now();
      const result = await this.#episode(rec, item, now);
      const unchanged = records.get(instanceId) === rec && rec.inbox[0] === item && rec.execution.executionId === executionId;
      if (!this.deps.isAlive() || !unchanged || isTerminal(rec.runtimeStatus)) continue;
      commitEpisode(rec, result, now);
      for (const timerId of result.effects.canceledTimers) dispatcher.cancelTimer(instanceId, executionId, timerId);
      if (rec.execution.executionId !== executionId) dispatcher.cancelAlarms(instanceId); // continued as new
      store.save(rec);
      if (result.outcome.kind === "running") dispatcher.dispatch(rec, result.effects.work);
      if (isTerminal(rec.runtimeStatus)) this.deps.finish(rec);
      this.deps.onChange(rec);
    }
  }

  /** An error of the runtime itself (not of user code) fails the instance rather than wedging it. */
  async #episode(rec: InstanceRecord, item: InboxItem, now: number): Promise<EpisodeResult> {
    try {
      return await runEpisode(this.deps.registry, rec, item, now);
    } catch (error) {
      const output = `Orchestrator function '${rec.name}' failed: ${describeError(error, false)}`;
      return { history: rec.history, execution: rec.execution, effects: emptyEffects(), outcome: { kind: "failed", output } };
    }
  }
}
