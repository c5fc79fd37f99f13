// The frame codec under TCP's chunking: frames merged in one chunk, split at every byte, and bodies too large.
import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, FrameTooLargeError, MAX_BODY_LENGTH, Opcode } from "../../../../local/emulator/cassandra/protocol/frame.js";

const request = (stream: number, opcode: number, body = Buffer.alloc(0)) => encodeFrame({ stream, opcode, body, isResponse: false });

describe("CQL frame codec", () => {
  it("writes the 9-byte v4 header: 0x84 for responses, stream, opcode, body length", () => {
    const frame = encodeFrame({ stream: 0x0102, opcode: Opcode.supported, body: Buffer.from("abc") });
    expect([...frame]).toEqual([0x84, 0x00, 0x01, 0x02, 0x06, 0, 0, 0, 3, 0x61, 0x62, 0x63]);
    expect(request(7, Opcode.options)[0]).toBe(0x04);
  });

  it("decodes several frames that arrive in one chunk, in order", () => {
    const chunk = Buffer.concat([request(1, Opcode.options), request(2, Opcode.query, Buffer.from([0, 0, 0, 1, 0x78])), request(-1, Opcode.register)]);
    const frames = new FrameDecoder().push(chunk);
    expect(frames.map((f) => [f.version, f.isResponse, f.stream, f.opcode, f.body.length])).toEqual([
      [4, false, 1, Opcode.options, 0], [4, false, 2, Opcode.query, 5], [4, false, -1, Opcode.register, 0],
    ]);
  });

  it("waits for the rest of a frame split at any byte, header included", () => {
    const wire = Buffer.concat([request(3, Opcode.startup, Buffer.from("0123456789")), request(4, Opcode.options)]);
    for (let cut = 1; cut < wire.length; cut++) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(wire.subarray(0, cut)), ...decoder.push(wire.subarray(cut))];
      expect(frames.map((f) => [f.stream, f.body.toString()])).toEqual([[3, "0123456789"], [4, ""]]);
    }
    const decoder = new FrameDecoder();
    const byByte = [...wire].flatMap((byte) => decoder.push(Buffer.of(byte)));
    expect(byByte.map((f) => f.stream)).toEqual([3, 4]);
  });

  it("reads the version of any header, so v5 and legacy v2 requests can be answered", () => {
    const v5 = Buffer.from([0x05, 0x00, 0x00, 0x09, 0x05, 0, 0, 0, 0]);
    expect(new FrameDecoder().push(v5)[0]).toMatchObject({ version: 5, stream: 9, opcode: Opcode.options });
    const v2 = Buffer.from([0x02, 0x00, 0x07, 0x05, 0, 0, 0, 0]);
    expect(new FrameDecoder().push(v2)[0]).toMatchObject({ version: 2, stream: 7, opcode: Opcode.options });
  });

  it("refuses a body length beyond the maximum instead of buffering it", () => {
    const header = Buffer.from([0x04, 0, 0, 5, Opcode.query, 0, 0, 0, 0]);
    header.writeInt32BE(MAX_BODY_LENGTH + 1, 5);
    expect(() => new FrameDecoder().push(header)).toThrow(FrameTooLargeError);
  });
});
