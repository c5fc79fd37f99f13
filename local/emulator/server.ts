// startEmulator: one HTTPS server on 127.0.0.1 serving the ARM and Key Vault surfaces the app uses, told apart by
// path, plus the `/_emulator` control API (architecture.md, "Local world").
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { EventGridPublisher } from "./arm/eventGrid.js";
import { createArmService } from "./arm/index.js";
import { reserveCqlPort } from "./cassandra/cqlPort.js";
import { createCassandraNodes } from "./cassandra/index.js";
import { loadOrCreateNodeCa } from "./cassandra/nodeCertificates.js";
import { createControlApi, type ControlApi } from "./control/api.js";
import { controlRoutes } from "./control/routes.js";
import { FaultRegistry } from "./core/faults.js";
import { createRequestListener } from "./core/pipeline.js";
import { RequestLog } from "./core/requestLog.js";
import { createRouter } from "./core/router.js";
import { ArmThrottle } from "./core/throttle.js";
import { keyVaultRoutes } from "./keyvault/index.js";
import { resolveOptions, type EmulatorOptions } from "./options.js";
import { SpecValidator } from "./specs/validator.js";
import { FileStateStore } from "./state/fileStore.js";
import { loadOrCreateServerTls } from "./tls/serverTls.js";
import type { EmulatorContext, Route } from "./types.js";

export type { EmulatorOptions } from "./options.js";

export interface Emulator extends ControlApi {
  /** `https://127.0.0.1:<port>`; pass as `endpoint` to the ARM clients. */
  armEndpoint: string;
  /** `https://127.0.0.1:<port>`; the vault URL for the Key Vault clients. */
  keyVaultUrl: string;
  caCertPath: string;
  caCertPem: string;
  controlUrl: string;
  /** `null` when nothing is persisted. */
  stateDir: string | null;
  port: number;
  /** The native port every emulated Cassandra node listens on (each on its own 127.0.0.x address). */
  cqlPort: number;
  /** The "emulated public root" that signs the nodes' server certificates (not the HTTPS CA above). */
  nodeCaCertPath: string;
  nodeCaCertPem: string;
  /** Spec problems of a response body (`[]` when it conforms): lets tests prove the emulator's answers. */
  validateResponse(method: string, pathname: string, status: number, body: unknown): string[];
  /** Spec problems of a value against a vendored definition (file under `specification/`, definition name). */
  validateDefinition(relativeFile: string, definition: string, value: unknown): string[];
  /** Resolves once every Event Grid delivery in flight has ended (tests prove an absence with it). */
  eventsDelivered(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const { log, now } = resolved;
  const tlsDir = resolved.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cassandra-emulator-"));
  const tls = await loadOrCreateServerTls(tlsDir);
  const nodeCa = await loadOrCreateNodeCa(tlsDir);
  const reservation = await reserveCqlPort(resolved.cqlPort, log);
  // ARM names a resource group's region when it refuses an api-version; the ARM state is made below.
  const validator = new SpecValidator(resolved.specsDir, { regionOf: (subscriptionId, name) => arm.regionOf(subscriptionId, name) });
  const store = new FileStateStore(resolved.stateDir);
  const server = https.createServer({ key: tls.server.keyPem, cert: tls.server.certPem });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, "127.0.0.1", () => resolve());
  }).catch(async (error: unknown) => {
    await reservation.release();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://127.0.0.1:${port}`;
  const ctx: EmulatorContext = { baseUrl, now, store };

  const timers = new Set<NodeJS.Timeout>();
  const faults = new FaultRegistry();
  const logFile = resolved.requestLogFile;
  // Appended synchronously, one line per request: a line is whole even when several emulators share the file.
  const requestLog = new RequestLog(logFile ? (entry) => fs.appendFileSync(logFile, `${JSON.stringify(entry)}\n`) : undefined);
  const events = new EventGridPublisher(resolved.eventGridUrl, log);
  const settle = () => {
    arm.settle();
    cassandraNodes.settle();
  };
  // Auto-approval and Event Grid delivery must happen without a request arriving: a timer settles again.
  const settleAfter = (ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      try {
        settle();
        store.flushSoon();
      } catch (error) {
        log("error", "scheduled settle failed", { error: String(error) });
      }
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  const arm = createArmService({ ctx, faults, events, log, lroDelayMs: resolved.lroDelayMs, autoApproveMs: resolved.autoApproveMs,
    approvalEvents: resolved.approvalEvents, resourceGroups: resolved.resourceGroups, settleAfter,
    clusterQuirks: { patchNotImplemented: resolved.patchClusterNotImplemented, staleReadsMs: resolved.staleReadsMs } });
  const cassandraNodes = createCassandraNodes({ state: arm.state, store, now, reservation, nodeCa, restartDelayMs: resolved.restartDelayMs,
    nodeNames: resolved.nodeNames, log, settleAfter });
  const control = createControlApi({ arm, cassandraNodes, faults, requestLog, settle, flush: () => store.flush() });
  const serviceRoutes: Route[] = [...arm.routes, ...keyVaultRoutes({ ...ctx, now: resolved.keyVaultNow })];
  server.on("request", createRequestListener({
    now, validator, faults, requestLog, settle, log, scopeProblem: (req) => arm.scopeProblem(req),
    routes: createRouter(serviceRoutes.map((r) => ({ method: r.method, path: r.path, value: r }))),
    control: createRouter(controlRoutes(control).map((r) => ({ method: r.method, path: r.path, value: r }))),
    throttle: resolved.throttle ? new ArmThrottle(resolved.throttle, now) : undefined,
    flush: () => store.flushSoon(),
  }));
  // Endpoints persisted while awaiting auto-approval are due within autoApproveMs of a restart.
  if (resolved.autoApproveMs !== undefined) settleAfter(resolved.autoApproveMs);
  // Nodes persisted by an earlier run listen again before anyone is told the emulator is ready.
  settle();
  store.flush();
  await cassandraNodes.idle();
  log("info", "emulator listening", { baseUrl, stateDir: resolved.stateDir ?? null, cqlPort: cassandraNodes.cqlPort });

  return {
    ...control,
    armEndpoint: baseUrl,
    keyVaultUrl: baseUrl,
    caCertPath: tls.caCertPath,
    caCertPem: tls.ca.certPem,
    controlUrl: `${baseUrl}/_emulator`,
    stateDir: resolved.stateDir ?? null,
    port,
    cqlPort: cassandraNodes.cqlPort,
    nodeCaCertPath: cassandraNodes.nodeCaCertPath,
    nodeCaCertPem: cassandraNodes.nodeCaCertPem,
    validateResponse: (method, pathname, status, body) => validator.checkResponse(method, pathname, status, body),
    validateDefinition: (file, definition, value) => validator.checkDefinition(file, definition, value),
    eventsDelivered: () => events.drain(),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await events.drain(true);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cassandraNodes.close();
      store.flush();
      if (!resolved.stateDir) fs.rmSync(tlsDir, { recursive: true, force: true });
    },
  };
}
