// The notations of the CQL native protocol v4 spec (native_protocol_v4.spec §3): [short], [int], [string],
// [long string], [bytes], [short bytes], [string list], [string map], [string multimap], [bytes map].

/** A request body shorter than its notations claim: answered with a protocol error, never a hang. */
export class WireError extends Error {}

export class WireWriter {
  private readonly parts: Buffer[] = [];

  byte(value: number): this {
    return this.raw(Buffer.of(value & 0xff));
  }

  short(value: number): this {
    const buffer = Buffer.alloc(2);
    buffer.writeUInt16BE(value);
    return this.raw(buffer);
  }

  int(value: number): this {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32BE(value);
    return this.raw(buffer);
  }

  string(value: string): this {
    const bytes = Buffer.from(value, "utf8");
    return this.short(bytes.length).raw(bytes);
  }

  longString(value: string): this {
    const bytes = Buffer.from(value, "utf8");
    return this.int(bytes.length).raw(bytes);
  }

  /** [bytes]: an [int] length, -1 for null. */
  bytes(value: Buffer | null): this {
    return value === null ? this.int(-1) : this.int(value.length).raw(value);
  }

  shortBytes(value: Buffer): this {
    return this.short(value.length).raw(value);
  }

  stringList(values: readonly string[]): this {
    this.short(values.length);
    for (const value of values) this.string(value);
    return this;
  }

  stringMultimap(map: Readonly<Record<string, readonly string[]>>): this {
    const entries = Object.entries(map);
    this.short(entries.length);
    for (const [key, values] of entries) this.string(key).stringList(values);
    return this;
  }

  raw(buffer: Buffer): this {
    this.parts.push(buffer);
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export class WireReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  byte(): number {
    return this.take(1).readUInt8();
  }

  short(): number {
    return this.take(2).readUInt16BE();
  }

  int(): number {
    return this.take(4).readInt32BE();
  }

  string(): string {
    return this.take(this.short()).toString("utf8");
  }

  longString(): string {
    return this.take(this.int()).toString("utf8");
  }

  bytes(): Buffer | null {
    const length = this.int();
    return length < 0 ? null : this.take(length);
  }

  shortBytes(): Buffer {
    return this.take(this.short());
  }

  stringList(): string[] {
    return Array.from({ length: this.short() }, () => this.string());
  }

  stringMap(): Record<string, string> {
    return Object.fromEntries(Array.from({ length: this.short() }, () => [this.string(), this.string()]));
  }

  /** A request's custom payload (flag 0x04) precedes its body; the emulator reads past it. */
  bytesMap(): Map<string, Buffer | null> {
    return new Map(Array.from({ length: this.short() }, () => [this.string(), this.bytes()] as const));
  }

  private take(length: number): Buffer {
    if (length < 0 || this.offset + length > this.buffer.length) {
      throw new WireError(`Not enough bytes to read: wanted ${length} at offset ${this.offset} of ${this.buffer.length}`);
    }
    const slice = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
}
