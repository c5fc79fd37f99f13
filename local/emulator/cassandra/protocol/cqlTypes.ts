// CQL data types as [option]s of result metadata and their value encodings (native_protocol_v4.spec §4.2.5.2, §6):
// just the types the emulated system tables use.
import { isIPv4 } from "node:net";
import { WireWriter } from "./wire.js";

type ScalarKind = "ascii" | "bigint" | "blob" | "boolean" | "double" | "int" | "timestamp" | "uuid" | "timeuuid" | "text" | "inet";

export type CqlType =
  | { kind: ScalarKind }
  | { kind: "list" | "set"; element: CqlType }
  | { kind: "map"; key: CqlType; value: CqlType };

const OPTION_IDS: Record<CqlType["kind"], number> = {
  ascii: 0x0001, bigint: 0x0002, blob: 0x0003, boolean: 0x0004, double: 0x0007, int: 0x0009, timestamp: 0x000b,
  uuid: 0x000c, text: 0x000d, timeuuid: 0x000f, inet: 0x0010, list: 0x0020, map: 0x0021, set: 0x0022,
};

const scalar = (kind: ScalarKind): CqlType => ({ kind });
/** `frozen<...>` changes nothing on the wire, so the definitions below simply omit it. */
export const cql = {
  ascii: scalar("ascii"), bigint: scalar("bigint"), blob: scalar("blob"), boolean: scalar("boolean"), double: scalar("double"),
  int: scalar("int"), timestamp: scalar("timestamp"), uuid: scalar("uuid"), timeuuid: scalar("timeuuid"), text: scalar("text"),
  inet: scalar("inet"),
  list: (element: CqlType): CqlType => ({ kind: "list", element }),
  set: (element: CqlType): CqlType => ({ kind: "set", element }),
  map: (key: CqlType, value: CqlType): CqlType => ({ kind: "map", key, value }),
};

/** [option]: the type id, followed by the element types of collections. */
export function writeTypeOption(writer: WireWriter, type: CqlType): void {
  writer.short(OPTION_IDS[type.kind]);
  if (type.kind === "list" || type.kind === "set") writeTypeOption(writer, type.element);
  if (type.kind === "map") {
    writeTypeOption(writer, type.key);
    writeTypeOption(writer, type.value);
  }
}

/** The [bytes] content of one cell; `null` for a null cell (written as length -1). */
export function encodeValue(type: CqlType, value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "ascii":
    case "text":
      return Buffer.from(String(value), type.kind === "ascii" ? "ascii" : "utf8");
    case "blob":
      return Buffer.from(value as Uint8Array);
    case "boolean":
      return Buffer.of(value ? 1 : 0);
    case "int":
      return new WireWriter().int(Number(value)).toBuffer();
    case "bigint":
    case "timestamp":
      return bigint64(type.kind === "timestamp" && value instanceof Date ? value.getTime() : value);
    case "double": {
      const buffer = Buffer.alloc(8);
      buffer.writeDoubleBE(Number(value));
      return buffer;
    }
    case "uuid":
    case "timeuuid":
      return uuidBytes(String(value));
    case "inet":
      return inetBytes(String(value));
    case "list":
    case "set":
      return collection([...(value as Iterable<unknown>)].map((element) => [encodeValue(type.element, element)]));
    case "map": {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
      return collection(entries.map(([k, v]) => [encodeValue(type.key, k), encodeValue(type.value, v)]));
    }
  }
}

/** v3+ collections: an [int] element count, then each element as [bytes] (§6: "list", "map", "set"). */
function collection(items: Array<Array<Buffer | null>>): Buffer {
  const writer = new WireWriter().int(items.length);
  for (const cells of items) for (const cell of cells) writer.bytes(cell);
  return writer.toBuffer();
}

function bigint64(value: unknown): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value as bigint | number | string));
  return buffer;
}

function uuidBytes(text: string): Buffer {
  const hex = text.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`not a UUID: ${text}`);
  return Buffer.from(hex, "hex");
}

/** An inet cell is the address bytes alone (the [inet] notation's port is not part of it); nodes are IPv4. */
function inetBytes(text: string): Buffer {
  if (!isIPv4(text)) throw new TypeError(`not an IPv4 address: ${text}`);
  return Buffer.from(text.split(".").map(Number));
}
