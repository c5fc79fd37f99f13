// The tests' own mutual-TLS client, the oracle for "this client certificate is trusted by that node". It shares
// nothing with the app's probe (src/adapters/cqlProbe.ts): plain node:tls with the client's key and chain and the
// emulator's node CA as the only root. TLS 1.2 is pinned because there the server checks the client certificate
// before it sends its Finished, so a refused certificate fails the handshake itself (under TLS 1.3 the client
// finishes first and learns of the refusal later). Then one raw CQL v4 OPTIONS frame, expecting SUPPORTED back on
// the same stream (native_protocol_v4.spec §2, §4.1.3, §4.2.4).
import tls from "node:tls";

/** "ok": handshake and OPTIONS → SUPPORTED; otherwise where it stopped ("tls": the handshake failed or was refused). */
export type MtlsOutcome = "ok" | "connect" | "tls" | "cql" | "timeout";

export interface MtlsTarget {
  host: string;
  port: number;
  /** The root the node's certificate must chain to. */
  caPem: string;
  certificatePem: string;
  keyPem: string;
}

const STREAM = 0x0107;
// version 4 request, flags 0, stream, opcode OPTIONS (0x05), body length 0
const OPTIONS_FRAME = Buffer.from([0x04, 0x00, STREAM >> 8, STREAM & 0xff, 0x05, 0x00, 0x00, 0x00, 0x00]);
const RESPONSE_V4 = 0x84;
const SUPPORTED = 0x06;
const GIVE_UP_MS = 5_000;

export function mtlsOutcome(target: MtlsTarget): Promise<MtlsOutcome> {
  return new Promise((resolve) => {
    let phase: "connect" | "tls" | "secure" = "connect";
    let settled = false;
    // The default server identity check applies: the node certificates carry their address as an IP SAN.
    const socket = tls.connect({
      host: target.host, port: target.port, ca: [target.caPem], cert: target.certificatePem, key: target.keyPem,
      minVersion: "TLSv1.2", maxVersion: "TLSv1.2", rejectUnauthorized: true,
    });
    const finish = (outcome: MtlsOutcome) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    const stoppedAt = (): MtlsOutcome => (phase === "secure" ? "cql" : phase);
    socket.setTimeout(GIVE_UP_MS, () => finish("timeout"));
    socket.once("connect", () => (phase = "tls"));
    socket.once("secureConnect", () => {
      phase = "secure";
      socket.write(OPTIONS_FRAME);
    });
    let received = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 9) return;
      const answered = received[0] === RESPONSE_V4 && received.readUInt16BE(2) === STREAM && received[4] === SUPPORTED;
      finish(answered ? "ok" : "cql");
    });
    socket.on("error", () => finish(stoppedAt()));
    socket.once("close", () => finish(stoppedAt()));
  });
}
