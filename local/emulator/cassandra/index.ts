// Emulated Cassandra nodes (architecture.md "Local world"): a CQL v4 listener over mutual TLS on every provisioned
// node's loopback address, trusting the cluster's applied `clientCertificates`, with the cluster's admin password.
import { createHash, timingSafeEqual } from "node:crypto";
import type { ArmState } from "../arm/state.js";
import type { Logger } from "../logger.js";
import type { StateStore } from "../types.js";
import { ClusterTrust } from "./clientTrust.js";
import type { SessionNode } from "./cqlSession.js";
import type { CqlPortReservation } from "./cqlPort.js";
import type { NodeCa } from "./nodeCertificates.js";
import { NodeFleet } from "./nodeListeners.js";
import { provisionedNodes, type EmulatedNodeSpec, type NodeNameShape } from "./nodeModel.js";

/** Cassandra's superuser; Azure sets its password from `initialCassandraAdminPassword` (reference §1.2). */
export const ADMIN_USER = "cassandra";

export interface CassandraNodesOptions {
  state: ArmState;
  store: StateStore;
  now(): number;
  /** The native port, reserved before the emulator starts serving (see reserveCqlPort). */
  reservation: CqlPortReservation;
  nodeCa: NodeCa;
  restartDelayMs: number;
  nodeNames: NodeNameShape;
  log: Logger;
  settleAfter(ms: number): void;
}

/** One node as `GET /_emulator/nodes` lists it. */
export interface EmulatedNode {
  cluster: string;
  clusterId: string;
  datacenter: string;
  address: string;
  port: number;
  hostname: string;
  hostId: string;
  listening: boolean;
  /** Why the node is not listening (e.g. EADDRINUSE). */
  error?: string;
  /** When the trusted list in force was applied (ISO time, by the emulator's clock). */
  trustAppliedAt: string | null;
  trustedThumbprints: string[];
  /** When a changed list will be applied by the rolling restart, if one is pending. */
  trustPendingUntil?: string;
}

export interface CassandraNodes {
  cqlPort: number;
  nodeCaCertPath: string;
  nodeCaCertPem: string;
  /** Applies due rolling restarts and starts/stops listeners to match the ARM state (asynchronously). */
  settle(): void;
  /** Resolves once every listener change queued so far is done. */
  idle(): Promise<void>;
  list(): EmulatedNode[];
  close(): Promise<void>;
}

export function createCassandraNodes(options: CassandraNodesOptions): CassandraNodes {
  const { state, now, log, nodeCa, reservation } = options;
  const startedAt = now();
  const port = reservation.port;
  const trust = new ClusterTrust(options.store, options.restartDelayMs);

  const sessionNode = (spec: EmulatedNodeSpec, prepared: Map<string, string>): SessionNode => ({
    prepared,
    view: () => {
      const cluster = state.clusters.get(spec.clusterKey);
      return {
        self: spec, nativePort: port, startedAt,
        clusterName: String(cluster?.properties.clusterNameOverride ?? cluster?.name ?? spec.clusterName),
        peers: provisionedNodes(state, options.nodeNames).filter((n) => n.clusterKey === spec.clusterKey && n.address !== spec.address),
      };
    },
    credentialsCheck: () => {
      if (state.clusters.get(spec.clusterKey)?.properties.authenticationMethod === "None") return undefined;
      const password = state.cassandraAdminPasswords.get(spec.clusterKey);
      return (user, given) => user === ADMIN_USER && password !== undefined && sameSecret(given, password);
    },
  });
  const fleet = new NodeFleet({ port, nodeCa, log, sessionNode, trustFor: (clusterKey) => trust.material(clusterKey) });

  return {
    cqlPort: port,
    nodeCaCertPath: nodeCa.caCertPath,
    nodeCaCertPem: nodeCa.ca.certPem,
    settle() {
      const settlement = trust.settle(state, now());
      for (const ms of settlement.scheduledInMs) options.settleAfter(ms);
      fleet.reconcile(provisionedNodes(state, options.nodeNames), settlement.restarted);
    },
    idle: () => fleet.idle(),
    list: () => fleet.list().map(({ spec, server, error }) => {
      const record = trust.record(spec.clusterKey);
      const pendingUntil = record?.pending ? new Date(record.pending.dueAt).toISOString() : undefined;
      return {
        cluster: spec.clusterName, clusterId: spec.clusterId, datacenter: spec.dataCenter, address: spec.address, port,
        hostname: spec.hostname, hostId: spec.hostId, listening: server !== undefined, ...(error ? { error } : {}),
        trustAppliedAt: record ? new Date(record.appliedAt).toISOString() : null,
        trustedThumbprints: trust.material(spec.clusterKey).thumbprints,
        ...(pendingUntil ? { trustPendingUntil: pendingUntil } : {}),
      };
    }),
    async close() {
      await fleet.close();
      await reservation.release();
    },
  };
}

/** Compares digests so the time taken does not depend on where the password differs. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
