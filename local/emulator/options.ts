// startEmulator's options and their defaults.
import type { NodeNameShape } from "./cassandra/nodeModel.js";
import { fileURLToPath } from "node:url";
import { stderrLogger, type Logger } from "./logger.js";
import type { ResourceGroupSeed } from "./arm/resources/resourceGroups.js";
import { resolveThrottleLimits, type ThrottleLimits } from "./core/throttle.js";

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Persist resources, operations and the CA/server certificate here; memory only (temp CA) when absent. */
  stateDir?: string;
  /** Clock in ms since the epoch (default Date.now); drives LROs, throttling, auto-approval. */
  now?: () => number;
  /**
   * Clock of the Key Vault part (default: `now`). The Key Vault SDKs check a key's nbf/exp against the
   * machine's real clock before signing, so tests that run ARM on a virtual clock ahead of real time
   * give Key Vault the real one.
   */
  keyVaultNow?: () => number;
  /** How long an operation stays InProgress, by the clock (default 2000; tests use 0). */
  lroDelayMs?: number;
  /** Approve pending private endpoint connections this long (clock ms) after creation. */
  autoApproveMs?: number;
  /** Where Event Grid events go (only approval changes exist, and only with `approvalEvents`). */
  eventGridUrl?: string;
  /**
   * Announce each approval change as a ResourceWriteSuccess event (default false). Not what Azure does: Microsoft
   * approves on its own private link service, which raises no event in the customer's subscription
   * (host-and-service.md item 6); it exists for the app's Event Grid hint path.
   */
  approvalEvents?: boolean;
  /** Native (CQL) port every emulated Cassandra node listens on, each on its own loopback address; 0 (default)
   * picks a free one, and a requested port that is taken falls back to a free one. */
  cqlPort?: number;
  /** How long (clock ms) after a cluster write completes its rolling restart applies `clientCertificates` (default 5000). */
  restartDelayMs?: number;
  /**
   * How node certificates name the nodes. Sources disagree (host-and-service.md §11): `datacenter` (default)
   * `<dc>00000N.managedcassandra.cosmos.azure.com`, `internal` `<dc>00000N.managedcassandra.internal.cosmos.azure.com`.
   */
  nodeNames?: NodeNameShape;
  /**
   * Resource groups that exist before anything else (a user's groups pre-exist; the app never creates one). A write
   * or read of a resource in any other group answers 404 ResourceGroupNotFound, as ARM does.
   */
  resourceGroups?: readonly ResourceGroupSeed[];
  /**
   * Answer every cluster PATCH with 501 NotImplemented (default false). Terraform's azurerm provider updates clusters
   * with a full PUT because the service "complains it isn't implemented" (host-and-service.md, "clientCertificates
   * writes"); status and body are UNVERIFIED, the code and message are the ones clients test for.
   */
  patchClusterNotImplemented?: boolean;
  /**
   * For this long (clock ms, default 0: never) after a cluster update's operation completed, GET and the cluster lists
   * answer the cluster as it was before that update. azure-rest-api-specs #19021 (cluster) and #19078 (data center),
   * both open: after an update's LRO returned the old value is read "several minutes" longer. The resource itself,
   * what the nodes apply and the control API show, changes at once; data centers are not affected.
   */
  staleReadsMs?: number;
  /** Token-bucket overrides per request kind, or `false` to disable throttling. */
  throttle?: Partial<ThrottleLimits> | false;
  /** Directory holding `specification/` (default `AZURE_SPECS_DIR`, else shared/specs beside the repo). */
  specsDir?: string;
  /** Append every request's log entry to this file as a JSON line (default `EMULATOR_REQUEST_LOG`): an audit of
   * everything a client sent, e.g. to check it against the permissions the client is granted. */
  requestLogFile?: string;
  log?: Logger;
}

export interface ResolvedOptions {
  port: number;
  stateDir: string | undefined;
  now: () => number;
  keyVaultNow: () => number;
  lroDelayMs: number;
  autoApproveMs: number | undefined;
  eventGridUrl: string | undefined;
  approvalEvents: boolean;
  cqlPort: number;
  restartDelayMs: number;
  nodeNames: NodeNameShape;
  patchClusterNotImplemented: boolean;
  staleReadsMs: number;
  throttle: ThrottleLimits | false;
  resourceGroups: readonly ResourceGroupSeed[];
  specsDir: string;
  requestLogFile: string | undefined;
  log: Logger;
}

export const DEFAULT_LRO_DELAY_MS = 2000;
export const DEFAULT_RESTART_DELAY_MS = 5000;

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    stateDir: options.stateDir,
    now: options.now ?? Date.now,
    keyVaultNow: options.keyVaultNow ?? options.now ?? Date.now,
    lroDelayMs: options.lroDelayMs ?? DEFAULT_LRO_DELAY_MS,
    autoApproveMs: options.autoApproveMs,
    eventGridUrl: options.eventGridUrl,
    approvalEvents: options.approvalEvents ?? false,
    cqlPort: options.cqlPort ?? 0,
    restartDelayMs: options.restartDelayMs ?? DEFAULT_RESTART_DELAY_MS,
    nodeNames: options.nodeNames ?? "datacenter",
    patchClusterNotImplemented: options.patchClusterNotImplemented ?? false,
    staleReadsMs: options.staleReadsMs ?? 0,
    throttle: options.throttle === false ? false : resolveThrottleLimits(options.throttle),
    resourceGroups: options.resourceGroups ?? [],
    specsDir: options.specsDir ?? process.env.AZURE_SPECS_DIR ?? fileURLToPath(new URL("../../../shared/specs", import.meta.url)),
    requestLogFile: options.requestLogFile ?? (process.env.EMULATOR_REQUEST_LOG || undefined),
    log: options.log ?? stderrLogger("warn"),
  };
}
