// `npm start`: the whole mission on the embedded default. Starts the Azure emulator and the local
// durable runtime with the app wired to it, seeds the demo resource group, network and admin secret, submits the demo
// provisioning (unless --no-demo) and prints ONE JSON line on stdout; progress goes to stderr.
// Ctrl-C stops cleanly; starting again on the same STATE_DIR resumes every running instance.
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { behaviourSettingsFrom, DEMO, demoProvisioningRequest, LOCAL_SUBSCRIPTION_ID, localAppEnvironment, seedDemoEnvironment } from "./appEnvironment.js";
import { stderrLogger } from "./emulator/logger.js";
import { startEmulator } from "./emulator/server.js";
import { startLocalRuntime } from "./runtime/index.js";

const { values } = parseArgs({
  options: {
    "no-demo": { type: "boolean", default: false },
    "manual-approval": { type: "boolean", default: false },
    "auto-approve-ms": { type: "string", default: "15000" },
    "lro-delay-ms": { type: "string", default: "3000" },
    // Azure raises no event when Microsoft approves the endpoint (host-and-service.md item 6), so by default neither
    // does the emulator and the app finds the approval by polling; this shows the Event Grid hint path instead.
    "approval-events": { type: "boolean", default: false },
  },
  strict: true,
});

const stateDir = resolve(process.env.STATE_DIR ?? ".local");
// The emulator must know the Event Grid webhook before the runtime listens, so PORT=0 is resolved first.
const port = await resolvePort(process.env.PORT ?? "7071");
const say = (line: string) => process.stderr.write(`${line}\n`);

const emulator = await startEmulator({
  stateDir: join(stateDir, "emulator"),
  lroDelayMs: Number(values["lro-delay-ms"]),
  // Nodes on 127.0.0.x:9042 like the real ones (the emulator falls back to a free port if 9042 is taken).
  cqlPort: 9042,
  // A user's resource group exists before the app runs (the app never creates one); writes elsewhere get ARM's
  // ResourceGroupNotFound.
  resourceGroups: [{ subscriptionId: LOCAL_SUBSCRIPTION_ID, name: DEMO.resourceGroup, location: DEMO.location }],
  ...(values["manual-approval"] ? {} : { autoApproveMs: Number(values["auto-approve-ms"]) }),
  eventGridUrl: `http://127.0.0.1:${port}/runtime/webhooks/eventgrid?functionName=onResourceEvent`,
  approvalEvents: values["approval-events"],
  log: stderrLogger("warn"),
});
// The app reads its settings at load: set them before the runtime imports src/main.ts.
// Wiring (endpoints, trust, credential) always points at the emulator; behaviour settings the user
// exported (e.g. APPROVAL_POLL_INTERVAL) win over the local defaults.
Object.assign(process.env, localAppEnvironment(emulator, behaviourSettingsFrom(process.env)));
await seedDemoEnvironment(emulator, process.env.DEMO_ADMIN_PASSWORD ?? "Demo-Adm1n-Passw0rd!");

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

const { armEndpoint, keyVaultUrl, caCertPath, controlUrl } = emulator;
process.stdout.write(`${JSON.stringify({
  apiBaseUrl: runtime.apiBaseUrl,
  durableBaseUrl: runtime.durableBaseUrl,
  eventGridUrl: runtime.eventGridUrl,
  emulator: { armEndpoint, keyVaultUrl, caCertPath, controlUrl, stateDir: emulator.stateDir },
})}\n`);

if (runtime.resumedInstances) say(`Resumed ${runtime.resumedInstances} running instance(s) from ${stateDir}.`);
if (!values["no-demo"]) {
  const res = await fetch(`${runtime.apiBaseUrl}/provisionings`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(demoProvisioningRequest()),
  });
  const body = (await res.json()) as { id?: string; error?: { message?: string } };
  say(res.ok ? `Demo provisioning ${body.id} (HTTP ${res.status}). Status: curl ${runtime.apiBaseUrl}/provisionings/${body.id}`
    : `Demo provisioning not started: ${body.error?.message ?? res.status}`);
  const endpointId = `/subscriptions/${process.env.AZURE_SUBSCRIPTION_ID}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/privateEndpoints/cass-demo-pe`;
  say(values["manual-approval"]
    ? `Approve the private endpoint when it is waiting:\n  curl --cacert ${caCertPath} -X POST ${controlUrl}/approvals -H 'content-type: application/json' -d '{"privateEndpointId":"${endpointId}","status":"Approved"}'`
    : `The emulator approves private endpoints ${values["auto-approve-ms"]} ms after creation (--manual-approval to approve by hand).`);
}
say("Ctrl-C stops; `npm start` again resumes.");

async function resolvePort(text: string): Promise<number> {
  if (!/^\d+$/.test(text)) throw new Error(`PORT must be a port number, got ${JSON.stringify(text)}`);
  if (text !== "0") return Number(text);
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port: free } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return free;
}

