// The whole app in-process: the emulator and the local durable runtime (loading src/main.ts) on one
// virtual clock, wired like `npm start`. One world per test file (the app registers once per process).
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoProvisioningRequest, localAppEnvironment, seedDemoEnvironment } from "../../local/appEnvironment.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../local/emulator/server.js";
import { VirtualClock } from "../../local/runtime/clock.js";
import { startTestRuntime, type TestRuntime, type TestRuntimeOptions } from "../../local/runtime/testing.js";

export const ADMIN_PASSWORD = "Local-Adm1n-Passw0rd!";
export { demoProvisioningRequest };

export interface LocalWorld {
  clock: VirtualClock;
  emulator: Emulator;
  runtime: TestRuntime;
  stateDir: string;
  /** Advances virtual time alarm by alarm until `check` holds (or fails past `maxVirtualMs`). */
  runUntil(check: () => boolean | Promise<boolean>, maxVirtualMs?: number): Promise<void>;
  /** fetch against the app's HTTP API, e.g. api("POST", "/api/provisionings", body). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
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
  options: { emulator?: EmulatorOptions; env?: Record<string, string>; runtime?: WorldRuntimeOptions } = {},
): Promise<LocalWorld> {
  const clock = new VirtualClock();
  const stateDir = mkdtempSync(join(tmpdir(), "local-world-"));
  const port = await freePort();
  const emulator = await startEmulator({
    // Key Vault keeps real time: the SDK checks key validity against the real clock before signing.
    now: () => clock.now(), keyVaultNow: Date.now, lroDelayMs: 20_000, log: () => {}, stateDir: join(stateDir, "emulator"),
    eventGridUrl: `http://127.0.0.1:${port}/runtime/webhooks/eventgrid?functionName=onResourceEvent`,
    ...options.emulator,
  });
  Object.assign(process.env, localAppEnvironment(emulator, options.env));
  await seedDemoEnvironment(emulator, ADMIN_PASSWORD);
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
    async api(method, path, body) {
      const res = await world.runtime.fetch(path, {
        method, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async dispose() {
      await world.runtime.dispose();
      await emulator.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  return world;
}
