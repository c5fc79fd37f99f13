// startRealExtension: the app on the real Durable extension. Azurite and the .NET WebJobs host run as child
// processes; this process keeps the app's registrations (the local runtime's capture of src/main.ts or a
// fixture), the Node worker the host's stubs call, and one loopback HTTP front that serves the app's HTTP
// triggers, timers, the Event Grid webhook and the admin API as the local runtime does, with the
// extension's own durable-client payload, and forwards the management API to the extension.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { RealClock } from "../runtime/clock.js";
import { loadApp } from "../runtime/core/appLoader.js";
import { installFakeCore } from "../runtime/core/fakeCore.js";
import { WorkTracker } from "../runtime/durable/workTracker.js";
import { readHostConfig } from "../runtime/hostConfig.js";
import { adminApiHandler } from "../runtime/http/adminApi.js";
import { eventGridWebhookHandler } from "../runtime/http/eventGridWebhook.js";
import { httpTriggerHandler } from "../runtime/http/httpTriggers.js";
import { startHttpServer } from "../runtime/http/server.js";
import { TimerTriggers } from "../runtime/triggers/timerTriggers.js";
import { startAzurite, type Azurite } from "./azurite.js";
import { startHost, type RunningHost } from "./dotnetHost.js";
import { durableProxyHandler } from "./durableProxy.js";
import { hostDurableTaskSettings, type TierTimings } from "./settings.js";
import { durableFunctions, WORKER_PATH, workerHandler, type WorkerObserver } from "./worker.js";

export interface RealExtensionOptions {
  entry: string;
  /** Loopback port of the front; 0 (default) picks a free one. */
  port?: number;
  timings?: Partial<TierTimings>;
  observer?: WorkerObserver;
  functionLog?: (level: string, functionName: string, message: string) => void;
  log?: (line: string) => void;
  echo?: boolean;
}

export interface RealExtension {
  readonly origin: string;
  readonly apiBaseUrl: string;
  /** Wall time of each start-up phase, ms (the tier reports them). */
  readonly startup: { app: number; azurite: number; host: number };
  fireTimer(name: string): Promise<void>;
  /**
   * Kills the .NET host (SIGKILL: a crash), runs `whileDown` (e.g. a change in Azure nobody hears of), and
   * starts a new host on the same task hub in Azurite.
   */
  crashAndRestartHost(whileDown?: () => Promise<void> | void): Promise<void>;
  hostPid(): number | undefined;
  /** The host's recent output (its stderr log lines), for failure messages. */
  hostLog(): string;
  stop(): Promise<void>;
}

export async function startRealExtension(options: RealExtensionOptions): Promise<RealExtension> {
  installFakeCore();
  const entry = resolve(options.entry);
  const startup = { app: 0, azurite: 0, host: 0 };
  let phase = Date.now();
  const lap = (name: keyof typeof startup) => {
    startup[name] = Date.now() - phase;
    phase = Date.now();
  };
  const registry = await loadApp(entry);
  lap("app");
  registry.logSink = options.functionLog ?? (() => undefined);
  const config = readHostConfig(entry);
  const log = options.log ?? (() => undefined);
  const workDir = mkdtempSync(join(tmpdir(), "real-extension-"));
  let host: RunningHost | undefined;
  const clientData = () => {
    if (!host) throw new Error("The Durable extension host is not running.");
    return host.clientPayload;
  };
  const clock = new RealClock();
  const timers = new TimerTriggers({ registry, clock, tracker: new WorkTracker(), clientData, report: log });
  const handlers = [
    workerHandler(registry, clientData, options.observer),
    durableProxyHandler(() => host?.clientPayload.rpcBaseUrl),
    eventGridWebhookHandler(registry, clientData),
    adminApiHandler(registry, timers, clientData),
    httpTriggerHandler(registry, config.routePrefix, clientData, log),
  ];
  const server = await startHttpServer("127.0.0.1", options.port ?? 0, () => handlers);
  // getClient rewrites management URLs to localhost:7071 unless WEBSITE_HOSTNAME is set (durable-functions getClient.ts).
  const previousHostname = process.env.WEBSITE_HOSTNAME;
  process.env.WEBSITE_HOSTNAME = `127.0.0.1:${server.port}`;
  let azurite: Azurite | undefined;
  const cleanUp = async () => {
    timers.stop();
    await host?.child.stop();
    await azurite?.stop();
    await server.close(true);
    if (previousHostname === undefined) delete process.env.WEBSITE_HOSTNAME;
    else process.env.WEBSITE_HOSTNAME = previousHostname;
    rmSync(workDir, { recursive: true, force: true });
  };
  const launchHost = () => startHost({
    workDir, functions: durableFunctions(registry), workerUrl: `${server.origin}/${WORKER_PATH}/`, frontOrigin: `${server.origin}/`,
    storageConnectionString: azurite!.connectionString, durableTask: hostDurableTaskSettings(config.source, options.timings),
    ...(options.echo === undefined ? {} : { echo: options.echo }),
  });
  try {
    azurite = await startAzurite({ echo: options.echo ?? Boolean(process.env.REALEXT_ECHO) });
    lap("azurite");
    host = await launchHost();
    lap("host");
  } catch (error) {
    await cleanUp();
    throw error;
  }

  return {
    origin: server.origin,
    apiBaseUrl: config.routePrefix ? `${server.origin}/${config.routePrefix}` : server.origin,
    startup,
    async fireTimer(name) {
      const outcome = await timers.fire(name);
      if (!outcome.ok) throw outcome.error;
    },
    async crashAndRestartHost(whileDown) {
      const old = host;
      host = undefined;
      await old?.child.kill();
      await whileDown?.();
      host = await launchHost();
    },
    hostPid: () => host?.child.pid,
    hostLog: () => host?.child.tail() ?? "",
    stop: cleanUp,
  };
}
