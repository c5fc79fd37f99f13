// Fans instance changes out to progress listeners (deduplicated per instance) and to callers waiting for
// an instance to finish.
import type { Clock } from "./clock.js";
import { isTerminal, type InstanceRecord } from "./durable/instance.js";
import { describeProgress, type ProgressEvent } from "./progress.js";

export type ProgressListener = (event: ProgressEvent) => void;

export class ProgressHub {
  readonly #listeners = new Set<ProgressListener>();
  readonly #lastText = new Map<string, string>();
  readonly #terminalWaiters = new Map<string, Set<(rec: InstanceRecord) => void>>();

  constructor(private readonly clock: Clock) {}

  subscribe(listener: ProgressListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(rec: InstanceRecord): void {
    if (isTerminal(rec.runtimeStatus)) {
      for (const wake of this.#terminalWaiters.get(rec.instanceId) ?? []) wake(rec);
      this.#terminalWaiters.delete(rec.instanceId);
    }
    if (this.#listeners.size === 0) return;
    const event = describeProgress(rec, this.clock.now());
    if (this.#lastText.get(rec.instanceId) === event.text) return;
    this.#lastText.set(rec.instanceId, event.text);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A faulty progress listener must not break the engine.
      }
    }
  }

  whenTerminal(current: InstanceRecord | undefined, instanceId: string, timeoutMs: number): Promise<InstanceRecord | undefined> {
    if (current && isTerminal(current.runtimeStatus)) return Promise.resolve(current);
    return new Promise((resolve) => {
      const waiters = this.#terminalWaiters.get(instanceId) ?? new Set();
      this.#terminalWaiters.set(instanceId, waiters);
      const timer = setTimeout(() => {
        waiters.delete(wake);
        resolve(undefined);
      }, timeoutMs);
      timer.unref();
      const wake = (rec: InstanceRecord) => {
        clearTimeout(timer);
        resolve(rec);
      };
      waiters.add(wake);
    });
  }
}
