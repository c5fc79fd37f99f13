// `npm start`: the whole mission on the embedded default. Starts the Azure emulator and the local
// durable runtime with the app wired to it, seeds a demo network and admin secret, submits the demo
// provisioning (unless --no-demo) and prints ONE JSON line on stdout; progress goes to stderr.
// Ctrl-C stops cleanly; starting again on the same STATE_DIR resumes every running instance.
// A mistake (an option, the port, a second run on the same STATE_DIR) ends in one line: startGuards.ts.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { behaviourSettingsFrom, DEMO, demoProvisioningRequest, LOCAL_SUBSCRIPTION_ID, localAppEnvironment, seedDemoEnvironment } from "./appEnvironment.js";
import { stderrLogger } from "./emulator/logger.js";
import { startEmulator } from "./emulator/server.js";
import { startLocalRuntime } from "./runtime/index.js";
import { lockStateDir, parseStartOptions, resolvePort, StartError } from "./startGuards.js";

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseStartOptions(process.argv.slice(2), process.env);
  const stateDir = resolve(process.env.STATE_DIR ?? ".local");
  mkdirSync(stateDir, { recursive: true });
  const lock = lockStateDir(stateDir);
  process.on("exit", () => lock.release());
  // The emulator must know the Event Grid webhook before the runtime listens, so PORT=0 is resolved first.
  const port = await resolvePort(process.env.PORT ?? "7071");

  const emulator = await startEmulator({
    stateDir: join(stateDir, "emulator"),
    lroDelayMs: options.lroDelayMs,
    // Nodes on 127.0.0.x:9042 like the real ones (the emulator falls back to a free port if 9042 is taken).
    cqlPort: 9042,
    // A user's resource group exists before the app runs (the app never creates one); writes elsewhere get ARM's
    // ResourceGroupNotFound.
    resourceGroups: [{ subscriptionId: LOCAL_SUBSCRIPTION_ID, name: DEMO.resourceGroup, location: DEMO.location }],
    ...(options.manualApproval ? {} : { autoApproveMs: options.autoApproveMs }),
    eventGridUrl: `http://127.0.0.1:${port}/runtime/webhooks/eventgrid?functionName=onResourceEvent`,
    approvalEvents: options.approvalEvents,
    log: stderrLogger("warn"),
  });
  // The app reads its settings at load: set them before the runtime imports src/main.ts.
  // Wiring (endpoints, trust, credential) always points at the emulator; behaviour settings the user
  // exported (e.g. APPROVAL_POLL_INTERVAL) win over the local defaults.
  Object.assign(process.env, localAppEnvironment(emulator, behaviourSettingsFrom(process.env)));
  const password = await seedDemoEnvironment(emulator, process.env.DEMO_ADMIN_PASSWORD ?? DEMO.adminPassword);

  let lastLine = "";
  const runtime = await startLocalRuntime({
    entry: resolve("src/main.ts"),
    stateDir,
    port,
    clock: "real",
    functionLog: (level, name, message) => say(`[${name}] ${level}: ${message}`),
    onProgress: (event) => {
      if (event.text !== lastLine) say(`[progress] ${(lastLine = event.text)}`);
    },
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    try {
      await runtime.stop();
      await emulator.close();
      process.exit(0);
    } catch (error) {
      say(`stop failed: ${String(error)}`);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  const { armEndpoint, keyVaultUrl, caCertPath, controlUrl, cqlPort } = emulator;
  const ready = {
    apiBaseUrl: runtime.apiBaseUrl,
    durableBaseUrl: runtime.durableBaseUrl,
    eventGridUrl: runtime.eventGridUrl,
    subscriptionId: LOCAL_SUBSCRIPTION_ID,
    emulator: { armEndpoint, keyVaultUrl, caCertPath, controlUrl, stateDir: emulator.stateDir, cqlPort },
  };
  lock.ready(ready);
  process.stdout.write(`${JSON.stringify(ready)}\n`);

  if (runtime.resumedInstances) say(`Resumed ${runtime.resumedInstances} running instance(s) from ${stateDir}.`);
  // A local demo value, not a secret: the emulated Key Vault holds it and cqlsh against the emulated nodes asks for it.
  say(`Demo admin password (user cassandra; Key Vault secret ${DEMO.adminPasswordSecretName} in the emulator): ${password}`);
  if (cqlPort !== 9042) say(`Port 9042 is taken: the emulated nodes listen on port ${cqlPort} (cqlPort in the JSON line; the kit's cqlshrc has it).`);
  say(`Status page: ${runtime.apiBaseUrl}/ui   OpenAPI: ${runtime.apiBaseUrl}/openapi.json`);
  if (options.demo) await submitDemo(runtime.apiBaseUrl, ready.emulator, options);
  say("Ctrl-C stops; `npm start` again resumes.");
}

async function submitDemo(apiBaseUrl: string, emulator: { caCertPath: string; controlUrl: string }, options: { manualApproval: boolean; autoApproveMs: number }) {
  const res = await fetch(`${apiBaseUrl}/provisionings`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(demoProvisioningRequest()),
  });
  const body = (await res.json()) as { id?: string; error?: { message?: string } };
  say(res.ok ? `Demo provisioning ${body.id} (HTTP ${res.status}). Status: curl ${apiBaseUrl}/provisionings/${body.id}`
    : `Demo provisioning not started: ${body.error?.message ?? res.status}`);
  const endpointId = `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/privateEndpoints/cass-demo-pe`;
  say(options.manualApproval
    ? `Approve the private endpoint when it is waiting:\n  curl --cacert ${emulator.caCertPath} -X POST ${emulator.controlUrl}/approvals -H 'content-type: application/json' -d '{"privateEndpointId":"${endpointId}","status":"Approved"}'`
    : `The emulator approves private endpoints ${options.autoApproveMs} ms after creation (--manual-approval to approve by hand).`);
}

main().catch((error: unknown) => {
  if (error instanceof StartError) {
    say(`npm start: ${error.message}`);
    process.exit(error.exitCode);
  }
  // Anything else is a bug or an environment problem: still one line first, the details after it.
  say(`npm start: ${(error as Error)?.message?.split("\n")[0] ?? String(error)}`);
  if (process.env.DEBUG) say(String((error as Error)?.stack ?? ""));
  process.exit(1);
});
