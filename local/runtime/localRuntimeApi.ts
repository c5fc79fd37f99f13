// The programmatic surface of the local runtime: what `npm start` (local/start.ts) and the test API use.
import type { Clock } from "./clock.js";
import type { FunctionLogSink, FunctionRegistry } from "./core/registry.js";
import type { OrchestrationEngine } from "./durable/engine.js";
import type { FailureMode } from "./durable/failures.js";
import type { InstanceRecord } from "./durable/instance.js";
import type { durableClientData } from "./http/durableUrls.js";
import type { ProgressListener } from "./progressHub.js";

export interface LocalRuntimeOptions {
  /** The app's composition root, e.g. "src/main.ts". */
  entry: string;
  /** Default: env STATE_DIR, else ".local". The runtime keeps its data in <stateDir>/runtime. */
  stateDir?: string;
  /** Default 7071 (the host's); 0 picks a free port. */
  port?: number;
  /** Loopback only. Default 127.0.0.1. */
  host?: string;
  /**
   * "real" (default); "virtual": a new VirtualClock that jumps to the next timer whenever the runtime is
   * idle (fast-forward); or a clock to share, e.g. a VirtualClock a test advances and the emulator reads.
   */
  clock?: "real" | "virtual" | Clock;
  /** Default: "schedule" with a real clock, "manual" (fire on demand only) with a virtual one. */
  timerTriggers?: "schedule" | "manual";
  /** How activity failures reach orchestrators; default "classic" (durable-runtime.md §3.2). */
  failureMode?: FailureMode;
  /** Default: the nearest host.json above the entry. */
  hostJson?: string;
  onProgress?: ProgressListener;
  /** Where failures of HTTP/timer functions are reported. Default console.error. */
  log?: (line: string) => void;
  /** Where the app's `context.log` output goes. Default: console, prefixed with the function name. */
  functionLog?: FunctionLogSink;
}

export interface LocalRuntime {
  readonly origin: string;
  readonly port: number;
  /** e.g. http://127.0.0.1:7071/api */
  readonly apiBaseUrl: string;
  /** The Durable webhook base handed to users: <origin>/runtime/webhooks/durabletask */
  readonly durableBaseUrl: string;
  /** The DurableClient's rpcBaseUrl (ends with "/"). */
  readonly rpcBaseUrl: string;
  /** Event Grid webhook; add ?functionName=<name>. */
  readonly eventGridUrl: string;
  readonly taskHub: string;
  readonly stateDir: string;
  readonly clock: Clock;
  readonly registry: FunctionRegistry;
  readonly engine: OrchestrationEngine;
  /** Instances that were still running in the state dir and were resumed at start. */
  readonly resumedInstances: number;
  onProgress(listener: ProgressListener): () => void;
  /** The durableClient binding payload (durable-runtime.md §6.1) for this runtime. */
  clientData(): ReturnType<typeof durableClientData>;
  /** Runs a timer trigger now; rejects if the function failed. */
  fireTimer(name: string): Promise<void>;
  /** Resolves with the record once the instance is terminal, or undefined after `timeoutMs` (real time). */
  whenTerminal(instanceId: string, timeoutMs?: number): Promise<InstanceRecord | undefined>;
  /** Resolves when no episode, activity or trigger is running (timers and events may still be pending). */
  idle(): Promise<void>;
  /** Graceful: lets in-flight work finish (bounded), runs appTerminate hooks, closes the server. */
  stop(): Promise<void>;
  /** Like a killed process: no more writes, in-flight work abandoned, connections dropped. */
  kill(): Promise<void>;
}
