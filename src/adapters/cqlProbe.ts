// The mTLS test of the rotation saga (architecture.md "Rotate certificates" step 4): a real TLS 1.2+ mutual handshake
// with a node's CQL port using the pending client certificate, the node's identity checked (chain against the given
// roots, Node's public roots when none are given, and a managed-Cassandra DNS name), then a CQL
// v4 OPTIONS → SUPPORTED exchange (native_protocol_v4.spec §4.1.3, §4.2.4). Nothing here logs or returns key material.
import tls from "node:tls";
import { pemFromDer } from "../domain/pem.js";
import { checkNodeIdentity, nodeNamesOf } from "./nodeCertificateNames.js";

export interface CqlNodeTarget {
  address: string;
  port: number;
  timeoutMs: number;
  /** Roots the node's chain must verify against; undefined → Node's default public roots (Azure's nodes). */
  trustedCaPems?: string[];
}

export interface ClientIdentity {
  clientCertificatePem: string;
  clientKeyPem: string;
}

export type ProbeStage = "connect" | "tls" | "cql" | "timeout";
export type ProbeFailure = { ok: false; stage: ProbeStage; reason: string };
export type CqlProbeResult = { ok: true; serverNames: string[]; protocolVersion: 4; supported: Record<string, string[]> } | ProbeFailure;

const OPTIONS_REQUEST = Buffer.from([0x04, 0x00, 0x00, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00]); // v4 request, stream 1, OPTIONS
const RESPONSE_V4 = 0x84;
const Opcode = { error: 0x00, supported: 0x06 } as const;
const PEM_BLOCK = /-----BEGIN [^-]+-----[\s\S]*?(-----END [^-]+-----|$)/g;

const fail = (stage: ProbeStage, reason: string): ProbeFailure =>
  ({ ok: false, stage, reason: reason.replace(PEM_BLOCK, "[PEM removed]").slice(0, 500) });

/** Opens the mutual-TLS connection and hands the verified socket to `onSecure`; the socket is always closed. */
function withNodeConnection<T>(target: CqlNodeTarget & Partial<ClientIdentity>,
  onSecure: (socket: tls.TLSSocket, done: (result: T | ProbeFailure) => void, answered: () => void) => void): Promise<T | ProbeFailure> {
  return new Promise((resolve) => {
    let phase: "connect" | "tls" | "secure" | "answered" = "connect";
    let socket: tls.TLSSocket | undefined;
    const timer = setTimeout(() => done(fail("timeout", `no answer from ${target.address}:${target.port} within ${target.timeoutMs} ms (${phase})`)),
      target.timeoutMs);
    function done(result: T | ProbeFailure) {
      clearTimeout(timer);
      socket?.destroy();
      resolve(result);
    }
    try {
      socket = tls.connect({ host: target.address, port: target.port, minVersion: "TLSv1.2", rejectUnauthorized: true,
        checkServerIdentity: checkNodeIdentity, ...(target.trustedCaPems ? { ca: target.trustedCaPems } : {}),
        ...(target.clientCertificatePem ? { cert: target.clientCertificatePem, key: target.clientKeyPem } : {}) });
    } catch (error) {
      return done(fail("tls", `client certificate or key unusable: ${(error as Error).message}`));
    }
    socket.once("connect", () => (phase = "tls"));
    socket.once("secureConnect", () => {
      phase = "secure";
      onSecure(socket as tls.TLSSocket, done, () => (phase = "answered"));
    });
    socket.on("error", (error: NodeJS.ErrnoException) => done(fail(stageOf(phase, error), describe(error, phase))));
    socket.once("close", () => done(fail(stageOf(phase), phase === "secure"
      ? "the node closed the connection right after the handshake, before any CQL answer (a refused client certificate under TLS 1.3)"
      : "the node closed the connection")));
  });
}

function describe(error: NodeJS.ErrnoException, phase: string): string {
  const hint = phase === "tls" && error.code === "ECONNRESET" ? " (the node hung up mid-handshake: a refused client certificate?)" : "";
  return `${error.code ? `${error.code}: ` : ""}${error.message}${hint}`;
}

/** Under TLS 1.3 a refused client certificate shows only after the handshake: as an alert, a reset or a bare close. */
function stageOf(phase: "connect" | "tls" | "secure" | "answered", error?: NodeJS.ErrnoException): ProbeStage {
  if (phase === "connect" || phase === "tls") return phase;
  const tlsLevel = !error || /^ERR_SSL_|^ECONNRESET$|^EPIPE$/.test(error.code ?? "") || /alert/i.test(error.message);
  return phase === "secure" && tlsLevel ? "tls" : "cql";
}

export function probeCqlNode(request: CqlNodeTarget & ClientIdentity): Promise<CqlProbeResult> {
  return withNodeConnection(request, (socket, done, answered) => {
    let received = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      answered();
      received = Buffer.concat([received, chunk]);
      if (received.length < 9 || received.length < 9 + received.readInt32BE(5)) return;
      done(readOptionsAnswer(received.subarray(0, 9 + received.readInt32BE(5)), nodeNamesOf(socket.getPeerCertificate())));
    });
    socket.write(OPTIONS_REQUEST);
  });
}

function readOptionsAnswer(frame: Buffer, serverNames: string[]): CqlProbeResult {
  const [version, , , , opcode] = frame;
  if (version !== RESPONSE_V4) return fail("cql", `the node answered with protocol byte 0x${(version ?? 0).toString(16)}, not v4`);
  let offset = 9;
  const take = (length: number) => {
    if (offset + length > frame.length) throw new RangeError("truncated frame");
    return frame.subarray(offset, (offset += length));
  };
  const short = () => take(2).readUInt16BE();
  const string = () => take(short()).toString("utf8");
  try {
    if (opcode === Opcode.error) return fail("cql", `the node answered ERROR 0x${take(4).readInt32BE().toString(16)}: ${string()}`);
    if (opcode !== Opcode.supported) return fail("cql", `the node answered opcode 0x${(opcode ?? 0).toString(16)} instead of SUPPORTED`);
    const supported: Record<string, string[]> = {};
    for (let n = short(); n > 0; n--) {
      const key = string();
      supported[key] = Array.from({ length: short() }, string);
    }
    return { ok: true, serverNames, protocolVersion: 4, supported };
  } catch {
    return fail("cql", "the node's answer to OPTIONS is malformed");
  }
}

/**
 * The chain the node presents (leaf first, completed from the trusted roots as TLS verified it), as PEM: the
 * connection kit's server CA bundle. Nodes that require client certificates need the client identity too.
 */
export async function readServerChain(target: CqlNodeTarget & Partial<ClientIdentity>): Promise<string[]> {
  const result = await withNodeConnection<string[]>(target, (socket, done) => {
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true); cert?.raw && !seen.has(cert.fingerprint256);
      cert = cert.issuerCertificate) {
      seen.add(cert.fingerprint256);
      chain.push(`${pemFromDer(cert.raw.toString("base64"))}\n`);
    }
    done(chain);
  });
  if (!Array.isArray(result)) throw Object.assign(new Error(`cannot read the chain of ${target.address}: ${result.reason}`), { stage: result.stage });
  return result;
}
