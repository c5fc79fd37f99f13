// CQL native protocol frames (native_protocol_v4.spec §2): a 9-byte header — version (0x04 request, 0x84
// response), flags, stream [short], opcode, body length [int] — then the body. TCP delivers frames merged and
// split at any byte, so the decoder buffers until a whole frame is there.

export const PROTOCOL_VERSION = 4;
const RESPONSE_BIT = 0x80;
const HEADER_LENGTH = 9;
/** v1 and v2 headers have a one-byte stream id; only needed to answer them with "unsupported version". */
const LEGACY_HEADER_LENGTH = 8;
/** Cassandra 4.0's native_transport_max_frame_size default (16 MiB). */
export const MAX_BODY_LENGTH = 16 * 1024 * 1024;

export const FrameFlag = { compression: 0x01, tracing: 0x02, customPayload: 0x04, warning: 0x08 } as const;

export const Opcode = {
  error: 0x00, startup: 0x01, ready: 0x02, authenticate: 0x03, options: 0x05, supported: 0x06, query: 0x07, result: 0x08,
  prepare: 0x09, execute: 0x0a, register: 0x0b, event: 0x0c, batch: 0x0d, authChallenge: 0x0e, authResponse: 0x0f, authSuccess: 0x10,
} as const;

export interface Frame {
  /** Without the direction bit. */
  version: number;
  isResponse: boolean;
  flags: number;
  stream: number;
  opcode: number;
  body: Buffer;
}

/** A frame whose header claims more than MAX_BODY_LENGTH: the connection cannot be resynchronised. */
export class FrameTooLargeError extends Error {
  constructor(readonly stream: number, readonly length: number) {
    super(`Request is too big: length ${length} exceeds maximum allowed length ${MAX_BODY_LENGTH}.`);
  }
}

export function encodeFrame(frame: { stream: number; opcode: number; body: Buffer; flags?: number; version?: number; isResponse?: boolean }): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8((frame.version ?? PROTOCOL_VERSION) | (frame.isResponse === false ? 0 : RESPONSE_BIT), 0);
  header.writeUInt8(frame.flags ?? 0, 1);
  header.writeInt16BE(frame.stream, 2);
  header.writeUInt8(frame.opcode, 4);
  header.writeInt32BE(frame.body.length, 5);
  return Buffer.concat([header, frame.body]);
}

export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds a chunk and returns every frame it completes, in order; a partial frame waits for the next chunk. */
  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    for (let frame = this.next(); frame; frame = this.next()) frames.push(frame);
    return frames;
  }

  private next(): Frame | undefined {
    if (this.pending.length < 1) return undefined;
    const first = this.pending.readUInt8(0);
    const version = first & ~RESPONSE_BIT;
    const legacy = version < 3;
    const headerLength = legacy ? LEGACY_HEADER_LENGTH : HEADER_LENGTH;
    if (this.pending.length < headerLength) return undefined;
    const stream = legacy ? this.pending.readInt8(2) : this.pending.readInt16BE(2);
    const length = this.pending.readInt32BE(headerLength - 4);
    if (length < 0 || length > MAX_BODY_LENGTH) throw new FrameTooLargeError(stream, length);
    if (this.pending.length < headerLength + length) return undefined;
    const frame: Frame = {
      version,
      isResponse: (first & RESPONSE_BIT) !== 0,
      flags: this.pending.readUInt8(1),
      stream,
      opcode: this.pending.readUInt8(headerLength - 5),
      body: this.pending.subarray(headerLength, headerLength + length),
    };
    this.pending = this.pending.subarray(headerLength + length);
    return frame;
  }
}
