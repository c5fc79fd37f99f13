// Value and type encodings, read back by cassandra-driver's own decoder so both sides of the wire agree.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { cql, encodeValue, writeTypeOption, type CqlType } from "../../../../local/emulator/cassandra/protocol/cqlTypes.js";
import { WireReader, WireWriter } from "../../../../local/emulator/cassandra/protocol/wire.js";

interface DriverColumnType { code: number; info?: unknown }
const { Encoder } = createRequire(import.meta.url)("cassandra-driver") as {
  Encoder: new (version: number, options: object) => { decode(buffer: Buffer | null, type: DriverColumnType): unknown };
};
const driver = new Encoder(4, {});
const decode = (type: CqlType, driverType: DriverColumnType, value: unknown) => driver.decode(encodeValue(type, value), driverType);
const TEXT = { code: 0x000d };

describe("CQL value encoding", () => {
  it("encodes scalars the driver decodes back to the same values", () => {
    expect(decode(cql.text, TEXT, "déjà vu")).toBe("déjà vu");
    expect(decode(cql.int, { code: 0x0009 }, -42)).toBe(-42);
    expect(decode(cql.boolean, { code: 0x0004 }, true)).toBe(true);
    expect(decode(cql.double, { code: 0x0007 }, 0.25)).toBe(0.25);
    expect(String(decode(cql.bigint, { code: 0x0002 }, -7785254003841681178n))).toBe("-7785254003841681178");
    expect((decode(cql.timestamp, { code: 0x000b }, new Date(Date.UTC(2026, 10, 23))) as Date).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(String(decode(cql.uuid, { code: 0x000c }, "8ccc00a7-9e22-4ac2-aa63-e5327aa0dc51"))).toBe("8ccc00a7-9e22-4ac2-aa63-e5327aa0dc51");
    expect(String(decode(cql.timeuuid, { code: 0x000f }, "fe2b4360-28c6-11e2-81c1-0800200c9a66"))).toBe("fe2b4360-28c6-11e2-81c1-0800200c9a66");
    expect(String(decode(cql.inet, { code: 0x0010 }, "127.0.0.2"))).toBe("127.0.0.2");
    expect(encodeValue(cql.inet, "127.0.0.2")).toEqual(Buffer.from([127, 0, 0, 2]));
  });

  it("encodes collections with an int count and [bytes] elements (protocol v3+)", () => {
    expect(decode(cql.set(cql.text), { code: 0x0022, info: TEXT }, ["-1", "42"])).toEqual(["-1", "42"]);
    expect(decode(cql.list(cql.text), { code: 0x0020, info: TEXT }, [])).toEqual([]);
    expect(decode(cql.map(cql.text, cql.text), { code: 0x0021, info: [TEXT, TEXT] }, { class: "SimpleStrategy", replication_factor: "3" }))
      .toEqual({ class: "SimpleStrategy", replication_factor: "3" });
    expect([...(encodeValue(cql.set(cql.text), ["a"]) ?? [])]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0x61]);
  });

  it("writes null as a missing cell and refuses values that are not what the column holds", () => {
    expect(encodeValue(cql.text, null)).toBeNull();
    expect(new WireWriter().bytes(null).toBuffer()).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    expect(() => encodeValue(cql.uuid, "not-a-uuid")).toThrow(/not a UUID/);
    expect(() => encodeValue(cql.inet, "::1")).toThrow(/IPv4/);
  });

  it("writes type options with the element types of collections", () => {
    const writer = new WireWriter();
    writeTypeOption(writer, cql.map(cql.uuid, cql.set(cql.text)));
    expect([...writer.toBuffer()]).toEqual([0x00, 0x21, 0x00, 0x0c, 0x00, 0x22, 0x00, 0x0d]);
  });

  it("reads the request notations and reports a body shorter than it claims", () => {
    const body = new WireWriter().stringList(["STATUS_CHANGE"]).string("k").longString("SELECT 1").toBuffer();
    const reader = new WireReader(body);
    expect([reader.stringList(), reader.string(), reader.longString()]).toEqual([["STATUS_CHANGE"], "k", "SELECT 1"]);
    expect(() => new WireReader(Buffer.from([0, 5, 0x61])).string()).toThrow(/Not enough bytes/);
  });
});
