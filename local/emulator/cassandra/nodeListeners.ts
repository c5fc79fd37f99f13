// One mutual-TLS listener per emulated node on `<node address>:<cqlPort>`, following the ARM state: started when a
// data center's nodes appear, stopped when they go, restarted (new trust, connections dropped) on a rolling
// restart. A bind that fails is logged and reported on the node; it never takes the emulator down.
import type { Socket } from "node:net";
import tls from "node:tls";
import type { Logger } from "../logger.js";
import type { PemPair } from "../tls/certificates.js";
import type { TrustMaterial } from "./clientTrust.js";
import type { SessionNode } from "./cqlSession.js";
import { serveCqlConnection } from "./cqlConnection.js";
import { issueNodeCertificate, type NodeCa } from "./nodeCertificates.js";
import type { EmulatedNodeSpec } from "./nodeModel.js";

export interface NodeListener {
  spec: EmulatedNodeSpec;
  /** Set once listening; absent when the bind failed (see `error`). */
  server?: tls.Server;
  error?: string;
}

interface RunningListener extends NodeListener {
  identity: PemPair;
  sockets: Set<Socket>;
}

export interface NodeFleetDeps {
  port: number;
  nodeCa: NodeCa;
  trustFor(clusterKey: string): TrustMaterial;
  sessionNode(spec: EmulatedNodeSpec, prepared: Map<string, string>): SessionNode;
  log: Logger;
}

/** Same address but another owner or name is another node: its listener is replaced. */
const listenerKey = (n: EmulatedNodeSpec) => `${n.address}|${n.clusterKey}|${n.hostname}|${n.hostId}`;

export class NodeFleet {
  private readonly listeners = new Map<string, RunningListener>();
  private work: Promise<void> = Promise.resolve();
  private lastWanted = "";
  private closed = false;

  constructor(private readonly deps: NodeFleetDeps) {}

  /** Queues the changes (binding is asynchronous); `idle()` resolves once everything queued so far is done. */
  reconcile(wanted: EmulatedNodeSpec[], restartedClusters: readonly string[]): void {
    if (this.closed) return;
    const wantedKey = wanted.map(listenerKey).join(",");
    if (wantedKey === this.lastWanted && restartedClusters.length === 0) return;
    this.lastWanted = wantedKey;
    this.work = this.work.then(() => this.apply(wanted, restartedClusters)).catch((error: unknown) =>
      this.deps.log("error", "cassandra node reconcile failed", { error: String((error as Error).stack ?? error) }));
  }

  idle(): Promise<void> {
    return this.work;
  }

  list(): NodeListener[] {
    return [...this.listeners.values()].map(({ spec, server, error }) => ({ spec, ...(server ? { server } : {}), ...(error ? { error } : {}) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    await (this.work = this.work.then(() => this.apply([], [])));
  }

  private async apply(wanted: EmulatedNodeSpec[], restartedClusters: readonly string[]): Promise<void> {
    const byKey = new Map(wanted.map((spec) => [listenerKey(spec), spec]));
    // Stop first: a deleted node's address may already belong to a new one.
    for (const [key, listener] of this.listeners) {
      if (byKey.has(key)) continue;
      this.listeners.delete(key);
      await stop(listener);
    }
    for (const [key, spec] of byKey) if (!this.listeners.has(key)) this.listeners.set(key, await this.start(spec));
    for (const listener of this.listeners.values()) {
      if (!restartedClusters.includes(listener.spec.clusterKey) || !listener.server) continue;
      listener.server.setSecureContext(this.contextOptions(listener));
      for (const socket of listener.sockets) socket.destroy();
    }
  }

  private async start(spec: EmulatedNodeSpec): Promise<RunningListener> {
    const { port, log } = this.deps;
    const listener: RunningListener = { spec, identity: await issueNodeCertificate(this.deps.nodeCa, spec), sockets: new Set() };
    const prepared = new Map<string, string>();
    const server = tls.createServer({ ...this.contextOptions(listener), requestCert: true, rejectUnauthorized: true });
    server.on("connection", (socket: Socket) => {
      listener.sockets.add(socket);
      socket.once("close", () => listener.sockets.delete(socket));
    });
    server.on("secureConnection", (socket: tls.TLSSocket) => serveCqlConnection(socket, this.deps.sessionNode(spec, prepared), log));
    // A refused client certificate ends here (the client sees the TLS alert).
    server.on("tlsClientError", (error) => log("debug", "cassandra node refused a TLS client", { address: spec.address, error: error.message }));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ port, host: spec.address }, () => {
          server.off("error", reject);
          resolve();
        });
      });
      server.on("error", (error) => log("error", "cassandra node listener error", { address: spec.address, error: String(error) }));
      listener.server = server;
    } catch (error) {
      listener.error = (error as NodeJS.ErrnoException).code ?? String(error);
      log("error", "cassandra node could not listen", { address: spec.address, port, error: String(error) });
    }
    return listener;
  }

  /**
   * The node's certificate chain and the cluster's client trust in force, over TLS 1.2 only. Node's TLS server checks
   * the client certificate after the handshake and then just closes; under TLS 1.3 the client has already seen the
   * handshake succeed, so instead of the alert a JDK server sends it sees a bare close (and cassandra-driver 4.10 then
   * waits out its 12 s read timeout). Under TLS 1.2 a refused certificate fails the handshake itself.
   */
  private contextOptions(listener: RunningListener): tls.SecureContextOptions {
    const { identity, spec } = listener;
    return { key: identity.keyPem, cert: identity.certPem, ca: this.deps.trustFor(spec.clusterKey).caPems,
      minVersion: "TLSv1.2", maxVersion: "TLSv1.2" };
  }
}

async function stop(listener: RunningListener): Promise<void> {
  for (const socket of listener.sockets) socket.destroy();
  const server = listener.server;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}
