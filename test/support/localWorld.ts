// The whole app in-process: the emulator and the local durable runtime (loading src/main.ts) on one
// virtual clock, wired like `npm start`. One world per test file (the app registers once per process).
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO, demoProvisioningRequest, LOCAL_SECOND_SUBSCRIPTION_ID, LOCAL_SUBSCRIPTION_ID, localAppEnvironment, seedDemoEnvironment } from "../../local/appEnvironment.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../local/emulator/server.js";
import { VirtualClock } from "../../local/runtime/clock.js";
import type { InstanceRecord } from "../../local/runtime/durable/instance.js";
import { startTestRuntime, type TestRuntime, type TestRuntimeOptions } from "../../local/runtime/testing.js";
import { LOCAL_ADMIN_PASSWORD } from "./testIds.js";
import { auditRequests, currentTestFile, type AuditOptions } from "./requestAudit.js";

export { demoProvisioningRequest };

export interface LocalWorld {
  clock: VirtualClock;
  emulator: Emulator;
  runtime: TestRuntime;
  stateDir: string;
  /** Advances virtual time alarm by alarm until `check` holds (or fails past `maxVirtualMs`). */
  runUntil(check: () => boolean | Promise<boolean>, maxVirtualMs?: number): Promise<void>;
  /**
   * Every instance the current runtime holds, as its live records: read them, never change them
   * (`runtime.status(id)` gives a copy). Cheap enough to call at every alarm.
   */
  instances(): ReadonlyArray<Readonly<InstanceRecord>>;
  /** How many unfinished instances the current runtime resumed from the state dir when it started. */
  resumedInstances(): number;
  /** The current runtime's origin, e.g. http://127.0.0.1:7071 (what a tool's APP_URL is set to). */
  origin(): string;
  /** fetch against the app's HTTP API, e.g. api("POST", "/api/provisionings", body). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  /** Stops everything, after checking that every request the app sent was validated and valid (requestAudit.ts). */
  dispose(): Promise<void>;
}

/**
 * Waits (in real time, briefly) for something another process-side actor does asynchronously, such as
 * an Event Grid delivery over loopback HTTP. Checks on every turn of the event loop; no fixed sleeps.
 */
export async function eventually(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a world may pass through to the runtime: where functions' and the host's log lines go. */
export type WorldRuntimeOptions = Pick<TestRuntimeOptions, "functionLog" | "log" | "onProgress">;

export async function startLocalWorld(
  options: {
    emulator?: EmulatorOptions; env?: Record<string, string>; runtime?: WorldRuntimeOptions; audit?: AuditOptions;
    /** Also LOCAL_SECOND_SUBSCRIPTION_ID: its demo group and network seeded, and managed by the app (MANAGED_SUBSCRIPTIONS). */
    secondSubscription?: boolean;
  } = {},
): Promise<LocalWorld> {
  const subscriptions = options.secondSubscription ? [LOCAL_SUBSCRIPTION_ID, LOCAL_SECOND_SUBSCRIPTION_ID] : [LOCAL_SUBSCRIPTION_ID];
  const testFile = currentTestFile();
  const clock = new VirtualClock();
  const stateDir = mkdtempSync(join(tmpdir(), "local-world-"));
  const port = await freePort();
  const emulator = await startEmulator({
    // Key Vault keeps real time: the SDK checks key validity against the real clock before signing.
    now: () => clock.now(), keyVaultNow: Date.now, lroDelayMs: 20_000, log: () => {}, stateDir: join(stateDir, "emulator"),
    // The user's resource group exists before the app runs: the app never creates one (ARM: ResourceGroupNotFound).
    resourceGroups: subscriptions.map((subscriptionId) => ({ subscriptionId, name: DEMO.resourceGroup, location: DEMO.location })),
    eventGridUrl: `http://127.0.0.1:${port}/runtime/webhooks/eventgrid?functionName=onResourceEvent`,
    ...options.emulator,
  });
  Object.assign(process.env, localAppEnvironment(emulator, { ...(options.secondSubscription ? { MANAGED_SUBSCRIPTIONS: LOCAL_SECOND_SUBSCRIPTION_ID } : {}), ...options.env }));
  await seedDemoEnvironment(emulator, LOCAL_ADMIN_PASSWORD, subscriptions);
  const runtime = await startTestRuntime({ ...options.runtime, entry: new URL("../../src/main.ts", import.meta.url), clock, stateDir, port });
  const world: LocalWorld = {
    clock, emulator, runtime, stateDir,
    async runUntil(check, maxVirtualMs = 30 * 86_400_000) {
      const deadline = clock.now() + maxVirtualMs;
      for (;;) {
        await clock.settle();
        if (await check()) return;
        const next = clock.nextAlarmAt();
        if (next === undefined || next > deadline) throw new Error("runUntil: the condition never held and nothing more is scheduled");
        await clock.advanceTo(next);
      }
    },
    instances: () => [...world.runtime.runtime.engine.records.values()],
    resumedInstances: () => world.runtime.runtime.resumedInstances,
    origin: () => world.runtime.runtime.origin,
    async api(method, path, body) {
      const res = await world.runtime.fetch(path, {
        method, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      const text = await res.text();
      assertNoManagementUrls(`${method} ${path}`, text, res.headers);
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async dispose() {
      try {
        await world.runtime.dispose();
        auditRequests(emulator, testFile, options.audit);
      } finally {
        await emulator.close();
        rmSync(stateDir, { recursive: true, force: true });
      }
    },
  };
  return world;
}

/**
 * Every answer of the app is scanned: the extension's management URLs carry its system key, which can terminate or
 * purge any instance of the task hub (host-and-service.md §4), so no route may hand them (or any `code=`) out.
 */
export function assertNoManagementUrls(request: string, body: string, headers: Headers): void {
  const leaked = [body, ...headers.values()].find((text) => /\/runtime\/webhooks\/durabletask|[?&]code=/i.test(text));
  if (leaked !== undefined) throw new Error(`${request} answered with a durable management URL or a key: ${leaked.slice(0, 200)}`);
}
