// Bytes in, frames out: feeds a socket's chunks through the frame decoder into a CqlSession and writes each answer
// on the request's stream id. Malformed input gets a protocol error frame rather than silence.
import type { Socket } from "node:net";
import type { Logger } from "../logger.js";
import { CqlSession, type Answer, type SessionNode } from "./cqlSession.js";
import { encodeFrame, FrameDecoder, FrameTooLargeError, Opcode, type Frame } from "./protocol/frame.js";
import { errorBody, ErrorCode } from "./protocol/messages.js";
import { WireError } from "./protocol/wire.js";

export function serveCqlConnection(socket: Socket, node: SessionNode, log: Logger): void {
  const decoder = new FrameDecoder();
  const session = new CqlSession(node);
  let ended = false;
  const send = (stream: number, answer: Answer) => {
    socket.write(encodeFrame({ stream, opcode: answer.opcode, body: answer.body }));
    if (answer.close) socket.end();
    ended = answer.close === true;
    return ended;
  };
  socket.on("data", (chunk: Buffer) => {
    if (ended) return;
    let frames: Frame[];
    try {
      frames = decoder.push(chunk);
    } catch (error) {
      // A length beyond the limit leaves no way to find the next frame: say why, then close.
      const stream = error instanceof FrameTooLargeError ? error.stream : 0;
      send(stream, { opcode: Opcode.error, body: errorBody(ErrorCode.protocol, (error as Error).message), close: true });
      return;
    }
    for (const frame of frames) if (send(frame.stream, answerSafely(session, frame, log))) return;
  });
  // A client going away mid-request (reset, TLS alert) is normal for a server; nothing to do but let it close.
  socket.on("error", (error) => log("debug", "cql connection error", { error: String(error) }));
}

function answerSafely(session: CqlSession, frame: Frame, log: Logger): Answer {
  try {
    return session.answer(frame);
  } catch (error) {
    if (error instanceof WireError) return { opcode: Opcode.error, body: errorBody(ErrorCode.protocol, `Invalid message body: ${error.message}`) };
    log("error", "cql request handling failed", { opcode: frame.opcode, error: String((error as Error).stack ?? error) });
    return { opcode: Opcode.error, body: errorBody(ErrorCode.server, "The emulated node failed to handle the request.") };
  }
}
