// Test API for vitest: an app (entry module) in-process on a virtual clock, with time advanced on demand
// or automatically while an instance waits on timers. Share the clock with the Azure emulator
// (`now: () => clock.now()`); kill() and restart() exercise crash recovery on the same state dir.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DurableClient } from "durable-functions";
import { VirtualClock } from "./clock.js";
import { installFakeCore } from "./core/fakeCore.js";
import type { FailureMode } from "./durable/failures.js";
import type { HistoryEvent } from "./durable/history.js";
import type { InstanceRecord } from "./durable/instance.js";
import { startLocalRuntime } from "./localRuntime.js";
import type { LocalRuntime } from "./localRuntimeApi.js";
import type { ProgressListener } from "./progressHub.js";
import { runToCompletion } from "./runToCompletion.js";

// @azure/functions caches its core lookup per process: install before any fixture imports it (§2.1).
installFakeCore();

export interface TestRuntimeOptions {
  /** Entry module path or URL (e.g. `new URL("./fixtures/chain.app.ts", import.meta.url)`). */
  entry: string | URL;
  /** Default: a fresh temp dir, removed by dispose(). */
  stateDir?: string;
  /** Default: a new VirtualClock starting now. Pass one to share it with an emulator. */
  clock?: VirtualClock;
  failureMode?: FailureMode;
  timerTriggers?: "schedule" | "manual";
  onProgress?: ProgressListener;
  /** Failures of HTTP and timer functions; default: silent (tests assert on responses instead). */
  log?: (line: string) => void;
  /** What functions log through their InvocationContext; default: silent. */
  functionLog?: (level: string, functionName: string, message: string) => void;
  /** Loopback port; default 0 (a free one). A fixed one lets an emulator know the Event Grid URL up front. */
  port?: number;
}

interface Shared {
  options: TestRuntimeOptions & { entry: string; stateDir: string; clock: VirtualClock };
  ownsStateDir: boolean;
}

export class TestRuntime {
  #client: Promise<DurableClient> | undefined;
  #stopped = false;

  private constructor(readonly runtime: LocalRuntime, readonly clock: VirtualClock, readonly stateDir: string, private readonly shared: Shared) {}

  /** Internal: use startTestRuntime(). */
  static async start(shared: Shared): Promise<TestRuntime> {
    const { entry, stateDir, clock, failureMode, timerTriggers, onProgress, log, functionLog, port } = shared.options;
    const runtime = await startLocalRuntime({
      entry, stateDir, clock, port: port ?? 0, log: log ?? (() => undefined), functionLog: functionLog ?? (() => undefined),
      ...(failureMode && { failureMode }), ...(timerTriggers && { timerTriggers }), ...(onProgress && { onProgress }),
    });
    return new TestRuntime(runtime, clock, stateDir, shared);
  }

  /** A real durable-functions DurableClient bound to this runtime's HTTP API (durable-runtime.md §6.1). */
  client(): Promise<DurableClient> {
    this.#client ??= (async () => {
      const { InvocationContext } = await import("@azure/functions");
      const df = await import("durable-functions");
      const input = df.input.durableClient();
      const context = new InvocationContext({ functionName: "test", options: { trigger: { type: "httpTrigger", name: "req" }, extraInputs: [input] } });
      context.extraInputs.set(input, this.runtime.clientData());
      return df.getClient(context);
    })();
    return this.#client;
  }

  start(orchestration: string, input?: unknown, instanceId?: string): string {
    return this.runtime.engine.start(orchestration, instanceId === undefined ? { input } : { input, instanceId }).instanceId;
  }

  raiseEvent(instanceId: string, eventName: string, data?: unknown): void {
    this.runtime.engine.raiseEvent(instanceId, eventName, data);
  }

  terminate(instanceId: string, reason: string | null = null): void {
    this.runtime.engine.terminate(instanceId, reason);
  }

  /** A snapshot of the instance (status, output, customStatus, host bookkeeping). */
  status(instanceId: string): InstanceRecord | undefined {
    const rec = this.runtime.engine.records.get(instanceId);
    return rec && structuredClone(rec);
  }

  history(instanceId: string): HistoryEvent[] {
    return this.status(instanceId)?.history ?? [];
  }

  idle(): Promise<void> {
    return this.runtime.idle();
  }

  advance(ms: number): Promise<void> {
    return this.clock.advance(ms);
  }

  /** Runs until the instance finishes, jumping virtual time to each next alarm while nothing else can happen (runToCompletion.ts). */
  waitForCompletion(instanceId: string, maxVirtualMs?: number): Promise<InstanceRecord> {
    return runToCompletion(this.runtime.engine.records, this.clock, instanceId, maxVirtualMs);
  }

  fireTimer(name: string): Promise<void> {
    return this.runtime.fireTimer(name);
  }

  /** fetch() against this runtime: `path` like "/api/orders/1". */
  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(new URL(path, this.runtime.origin), init);
  }

  /** Crash: nothing more is written, in-flight activities are abandoned, connections dropped. */
  async kill(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.runtime.kill();
  }

  /** A new runtime on the same state dir and clock (kills this one first if it still runs); it takes over the state dir. */
  async restart(): Promise<TestRuntime> {
    await this.kill();
    const next = await TestRuntime.start({ ...this.shared });
    this.shared.ownsStateDir = false;
    return next;
  }

  /** Stops gracefully and removes the state dir if the test runtime created it. */
  async dispose(): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      await this.runtime.stop();
    }
    if (this.shared.ownsStateDir) rmSync(this.stateDir, { recursive: true, force: true });
  }
}

export async function startTestRuntime(options: TestRuntimeOptions): Promise<TestRuntime> {
  const entry = options.entry instanceof URL ? fileURLToPath(options.entry) : options.entry;
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "local-runtime-"));
  const clock = options.clock ?? new VirtualClock();
  return TestRuntime.start({ options: { ...options, entry, stateDir, clock }, ownsStateDir: options.stateDir === undefined });
}
