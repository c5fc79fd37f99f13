// startLocalRuntime: the local stand-in for the Functions host + Durable extension (durable-runtime.md §1).
// Loads the app's composition root through the fake core, resumes persisted instances, and serves HTTP
// triggers, the Durable management API, the Event Grid webhook and the admin API on one loopback port.
import { resolve } from "node:path";
import { fastForward, RealClock, VirtualClock, type Clock } from "./clock.js";
import { loadApp } from "./core/appLoader.js";
import { installFakeCore } from "./core/fakeCore.js";
import { runAppHook } from "./core/invoker.js";
import { OrchestrationEngine } from "./durable/engine.js";
import { resumeFromStore } from "./durable/resume.js";
import { readHostConfig } from "./hostConfig.js";
import { adminApiHandler } from "./http/adminApi.js";
import { durableClientData, RPC_PATH, WEBHOOK_PATH } from "./http/durableUrls.js";
import { EVENT_GRID_PATH, eventGridWebhookHandler } from "./http/eventGridWebhook.js";
import { httpTriggerHandler } from "./http/httpTriggers.js";
import { managementApiHandler } from "./http/managementApi.js";
import { startHttpServer } from "./http/server.js";
import type { LocalRuntime, LocalRuntimeOptions } from "./localRuntimeApi.js";
import { ProgressHub } from "./progressHub.js";
import { InstanceStore } from "./store/instanceStore.js";
import { TimerTriggers } from "./triggers/timerTriggers.js";

const STOP_GRACE_MS = 5_000;

function resolveClock(option: LocalRuntimeOptions["clock"]): Clock {
  if (option === undefined || option === "real") return new RealClock();
  return option === "virtual" ? new VirtualClock() : option;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  installFakeCore();
  const registry = await loadApp(options.entry);
  registry.logSink = options.functionLog ?? ((level, name, message) => console.log(`[${name}] ${level}: ${message}`));
  const config = readHostConfig(options.entry, options.hostJson);
  const clock = resolveClock(options.clock);
  const stateDir = resolve(options.stateDir ?? process.env.STATE_DIR ?? ".local");
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => console.error(line));
  const store = new InstanceStore(stateDir, config.taskHub);
  const progress = new ProgressHub(clock);
  if (options.onProgress) progress.subscribe(options.onProgress);

  let origin = "";
  const clientData = () => durableClientData(origin, config.taskHub);
  const engine = new OrchestrationEngine({
    registry, store, clock, clientData,
    failureMode: options.failureMode ?? "classic",
    maxConcurrentActivities: config.maxConcurrentActivities,
    ...(config.defaultVersion ? { defaultVersion: config.defaultVersion } : {}),
    onChange: (rec) => progress.publish(rec),
  });
  const timers = new TimerTriggers({ registry, clock, tracker: engine.tracker, clientData, report: log });
  const waitForTerminal = (instanceId: string, timeoutMs = 2 ** 31 - 1) => progress.whenTerminal(engine.records.get(instanceId), instanceId, timeoutMs);
  const handlers = [
    managementApiHandler({ engine, taskHub: config.taskHub, origin: () => origin, waitForTerminal }),
    eventGridWebhookHandler(registry, clientData, log),
    adminApiHandler(registry, timers, clientData),
    httpTriggerHandler(registry, config.routePrefix, clientData, log),
  ];
  const server = await startHttpServer(host, options.port ?? 7071, () => handlers, log);
  origin = server.origin;
  // getClient rewrites management URLs to localhost:7071 unless WEBSITE_HOSTNAME is set (§6.1).
  const previousHostname = process.env.WEBSITE_HOSTNAME;
  process.env.WEBSITE_HOSTNAME = `${host}:${server.port}`;
  const unsettle = clock instanceof VirtualClock ? clock.addSettler(() => engine.idle()) : () => undefined;
  // clock: "virtual" fast-forwards on its own; a VirtualClock passed in is advanced by its owner (tests).
  const stopFastForward = options.clock === "virtual" && clock instanceof VirtualClock ? fastForward(clock) : () => undefined;
  await runAppHook(registry, "appStart");
  const resumedInstances = resumeFromStore(engine, store);
  if ((options.timerTriggers ?? (clock.mode === "real" ? "schedule" : "manual")) === "schedule") timers.startSchedules();

  const shutDown = async (force: boolean) => {
    timers.stop();
    stopFastForward();
    engine.kill();
    unsettle();
    await server.close(force);
    if (process.env.WEBSITE_HOSTNAME === `${host}:${server.port}`) {
      if (previousHostname === undefined) delete process.env.WEBSITE_HOSTNAME;
      else process.env.WEBSITE_HOSTNAME = previousHostname;
    }
  };

  return {
    origin,
    port: server.port,
    apiBaseUrl: config.routePrefix ? `${origin}/${config.routePrefix}` : origin,
    durableBaseUrl: `${origin}/${WEBHOOK_PATH}`,
    rpcBaseUrl: `${origin}/${RPC_PATH}/`,
    eventGridUrl: `${origin}/${EVENT_GRID_PATH}`,
    taskHub: config.taskHub,
    stateDir,
    clock,
    registry,
    engine,
    resumedInstances,
    onProgress: (listener) => progress.subscribe(listener),
    clientData,
    async fireTimer(name) {
      const outcome = await timers.fire(name);
      if (!outcome.ok) throw outcome.error;
    },
    whenTerminal: (instanceId, timeoutMs) => waitForTerminal(instanceId, timeoutMs),
    idle: () => engine.idle(),
    async stop() {
      timers.stop();
      await Promise.race([engine.idle(), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
      await runAppHook(registry, "appTerminate");
      await shutDown(false);
    },
    kill: () => shutDown(true),
  };
}
