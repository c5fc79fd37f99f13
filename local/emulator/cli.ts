// `npm run emulator -- --port 0 [--state-dir DIR] [--lro-delay-ms N] [--auto-approve-ms N] [--event-grid-url URL --approval-events]
//   [--cql-port N (default 9042)] [--restart-delay-ms N (default 5000)] [--request-log FILE] [--resource-group SUBSCRIPTION/NAME@LOCATION …]
//   [--patch-cluster-not-implemented] [--stale-reads-ms N] [--throttle-writes BURST/REFILL_PER_SECOND | --no-throttle]`
// Prints exactly one JSON line on stdout once listening; everything else goes to stderr.
import path from "node:path";
import { parseArgs } from "node:util";
import { parseBucketLimit } from "./core/throttle.js";
import { stderrLogger } from "./logger.js";
import { startEmulator } from "./server.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    "state-dir": { type: "string" },
    "lro-delay-ms": { type: "string" },
    "auto-approve-ms": { type: "string" },
    "event-grid-url": { type: "string" },
    "approval-events": { type: "boolean", default: false },
    "cql-port": { type: "string", default: "9042" },
    "restart-delay-ms": { type: "string" },
    "request-log": { type: "string" },
    "resource-group": { type: "string", multiple: true, default: [] },
    "patch-cluster-not-implemented": { type: "boolean", default: false },
    "stale-reads-ms": { type: "string" },
    "throttle-writes": { type: "string" },
    "no-throttle": { type: "boolean", default: false },
  },
  strict: true,
});

/** `<subscriptionId>/<name>@<location>`: a resource group the user already has. */
function resourceGroup(text: string) {
  const match = /^([^/@]+)\/([^/@]+)@(.+)$/.exec(text);
  if (!match) throw new Error(`--resource-group must be SUBSCRIPTION/NAME@LOCATION, got ${JSON.stringify(text)}`);
  return { subscriptionId: match[1] ?? "", name: match[2] ?? "", location: match[3] ?? "" };
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

const log = stderrLogger("info");
const emulator = await startEmulator({
  port: integer("port", values.port) ?? 0,
  ...(values["state-dir"] ? { stateDir: path.resolve(values["state-dir"]) } : {}),
  ...(values["lro-delay-ms"] ? { lroDelayMs: integer("lro-delay-ms", values["lro-delay-ms"]) } : {}),
  ...(values["auto-approve-ms"] ? { autoApproveMs: integer("auto-approve-ms", values["auto-approve-ms"]) } : {}),
  ...(values["event-grid-url"] ? { eventGridUrl: values["event-grid-url"] } : {}),
  approvalEvents: values["approval-events"],
  cqlPort: integer("cql-port", values["cql-port"]) ?? 0,
  ...(values["restart-delay-ms"] ? { restartDelayMs: integer("restart-delay-ms", values["restart-delay-ms"]) } : {}),
  ...(values["request-log"] ? { requestLogFile: path.resolve(values["request-log"]) } : {}),
  resourceGroups: values["resource-group"].map(resourceGroup),
  patchClusterNotImplemented: values["patch-cluster-not-implemented"],
  ...(values["stale-reads-ms"] ? { staleReadsMs: integer("stale-reads-ms", values["stale-reads-ms"]) } : {}),
  ...(values["no-throttle"] ? { throttle: false as const } : values["throttle-writes"] ? { throttle: { writes: parseBucketLimit(values["throttle-writes"]) } } : {}),
  log,
});

const { armEndpoint, keyVaultUrl, caCertPath, controlUrl, stateDir, cqlPort, nodeCaCertPath } = emulator;
process.stdout.write(`${JSON.stringify({ armEndpoint, keyVaultUrl, caCertPath, controlUrl, stateDir, cqlPort, nodeCaCertPath })}\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log("info", "emulator stopping", { signal });
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log("error", "emulator close failed", { error: String(error) });
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
