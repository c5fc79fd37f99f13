// startLocalRuntime as `npm start` uses it: host.json settings, the state dir layout, fast-forwarded time.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "../../local/runtime/index.js";
import { ORCHESTRATION } from "./fixtures/workflowNames.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), "local-runtime-start-"));
let runtime: LocalRuntime | undefined;

afterEach(async () => {
  await runtime?.stop();
  delete process.env.LOCAL_RUNTIME_TEST_HUB;
  rmSync(stateDir, { recursive: true, force: true });
});

it("honours host.json: empty routePrefix, task hub from an app setting, state under <stateDir>/runtime/<hub>", async () => {
  process.env.LOCAL_RUNTIME_TEST_HUB = "FixtureHub";
  runtime = await startLocalRuntime({
    entry: fixture("triggers.app.ts"), hostJson: fixture("rootPrefix/host.json"), stateDir, port: 0, clock: "virtual", log: () => undefined,
  });

  expect(runtime.taskHub).toBe("FixtureHub");
  expect(runtime.apiBaseUrl).toBe(runtime.origin);
  expect((await fetch(`${runtime.origin}/orders/5`)).status).toBe(200);
  runtime.engine.start("NightlyRun", { instanceId: "n-1" });
  expect(existsSync(join(stateDir, "runtime", "FixtureHub", "instances", "n-1.json"))).toBe(true);
});

it("fast-forwards durable timers when started with clock: 'virtual'", async () => {
  runtime = await startLocalRuntime({ entry: fixture("workflows.app.ts"), stateDir, port: 0, clock: "virtual" });
  const { instanceId } = runtime.engine.start(ORCHESTRATION.longWait, { input: { hours: 24 * 30 } });

  const done = await runtime.whenTerminal(instanceId, 10_000);

  expect(done?.runtimeStatus).toBe("Completed");
  expect(runtime.taskHub).toBe("CassandraVpnHub");
});
