// The whole app on the real Durable extension: the emulator (Azure's stand-in for ARM, Key Vault and the
// nodes, real clock), Azurite and the .NET host (child processes), src/main.ts's registrations in this
// process. Wired like test/support/localWorld.ts, with real time made short by configuration: app polls of
// a second or two, LROs and rolling restarts of a second, the extension's queue polling at most 1 s.
import { DEMO, LOCAL_SUBSCRIPTION_ID, localAppEnvironment, seedDemoEnvironment } from "../../../local/appEnvironment.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../local/emulator/server.js";
import { startRealExtension, type RealExtension } from "../../../local/real-extension/realExtension.js";
import { freePort, type LocalWorld } from "../../support/localWorld.js";
import { statusOf, until, untilTerminal, type InstanceStatus } from "./status.js";

const ADMIN_PASSWORD = "Real-Ext-Adm1n-Passw0rd!";

/** App settings that make the sagas' waits seconds long (they are the app's own settings, nothing is patched). */
export const FAST_SETTINGS: Record<string, string> = {
  OPERATION_POLL_INTERVAL: "PT1S",
  APPROVAL_POLL_INTERVAL: "PT3S",
  MTLS_VERIFY_WINDOW: "PT30S",
  CA_RETIRE_GRACE: "PT8S",
};

export interface RealWorld {
  emulator: Emulator;
  ext: RealExtension;
  /** fetch against the app's HTTP API through the front, e.g. api("POST", "/api/provisionings", body). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  status(instanceId: string, query?: string): Promise<InstanceStatus | undefined>;
  until(instanceId: string, check: (s: InstanceStatus) => boolean, what: string, limitMs?: number): Promise<InstanceStatus>;
  untilTerminal(instanceId: string, limitMs?: number): Promise<InstanceStatus>;
  /**
   * For tier-one helpers that read only the Azure side (world.emulator, never its clock or runtime): they take
   * a LocalWorld. Helpers that move virtual time (settleNodes, runUntil…) have real-clock twins here.
   */
  azureSide(): LocalWorld;
  dispose(): Promise<void>;
}

export async function startRealWorld(options: { env?: Record<string, string>; emulator?: EmulatorOptions } = {}): Promise<RealWorld> {
  const port = await freePort();
  const emulator = await startEmulator({
    lroDelayMs: 1_000, restartDelayMs: 1_000, log: () => {},
    // The user's resource group exists before the app runs (as in localWorld.ts).
    resourceGroups: [{ subscriptionId: LOCAL_SUBSCRIPTION_ID, name: DEMO.resourceGroup, location: DEMO.location }],
    eventGridUrl: `http://127.0.0.1:${port}/runtime/webhooks/eventgrid?functionName=onResourceEvent`,
    ...options.emulator,
  });
  let ext: RealExtension | undefined;
  try {
    Object.assign(process.env, localAppEnvironment(emulator, { ...FAST_SETTINGS, ...options.env }));
    await seedDemoEnvironment(emulator, ADMIN_PASSWORD);
    ext = await startRealExtension({ entry: new URL("../../../src/main.ts", import.meta.url).pathname, port });
    const { app, azurite, host } = ext.startup;
    process.stderr.write(`real-extension start-up: app ${app} ms, Azurite ${azurite} ms, .NET host ${host} ms\n`);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const origin = ext.origin;
  const started = ext;
  // A wait that times out says what the extension logged last (warnings and errors of the .NET host).
  const withHostLog = <T>(waiting: Promise<T>) => waiting.catch((error: Error) => {
    throw new Error(`${error.message}\n--- durable host, last lines ---\n${started.hostLog()}`);
  });
  const world: RealWorld = {
    emulator,
    ext,
    async api(method, path, body) {
      const res = await fetch(new URL(path, origin), {
        method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch { /* not JSON */ }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    status: (id, query) => statusOf(origin, id, query),
    until: (id, check, what, limitMs) => withHostLog(until(origin, id, check, what, limitMs)),
    untilTerminal: (id, limitMs) => withHostLog(untilTerminal(origin, id, limitMs)),
    azureSide: () => ({ emulator }) as unknown as LocalWorld,
    async dispose() {
      await ext?.stop();
      await emulator.close();
    },
  };
  return world;
}

/** The cluster's emulated nodes once their rolling restart has applied the last trust change (real clock). */
export async function settledNodes(world: RealWorld, clusterName: string, limitMs = 30_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const nodes = (await world.emulator.nodes()).filter((n) => n.cluster === clusterName);
    if (nodes.length && nodes.every((n) => !n.trustPendingUntil)) return nodes;
    if (Date.now() > deadline) throw new Error(`the nodes of ${clusterName} never applied their trust`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
