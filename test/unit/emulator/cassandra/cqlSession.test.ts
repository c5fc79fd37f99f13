// One connection's conversation with an emulated node: version negotiation, the ServerConnection state machine,
// SASL PLAIN, and what queries answer. Responses are read back with the protocol notations.
import { describe, expect, it } from "vitest";
import { CqlSession, type SessionNode } from "../../../../local/emulator/cassandra/cqlSession.js";
import { nodeHostname, type EmulatedNodeSpec } from "../../../../local/emulator/cassandra/nodeModel.js";
import { Opcode, type Frame } from "../../../../local/emulator/cassandra/protocol/frame.js";
import { ErrorCode } from "../../../../local/emulator/cassandra/protocol/messages.js";
import { WireReader, WireWriter } from "../../../../local/emulator/cassandra/protocol/wire.js";

const spec = (index: number, address: string): EmulatedNodeSpec => ({ clusterKey: "/c", clusterId: "/c", clusterName: "cass", dataCenter: "dc1",
  index, address, hostId: `00000000-0000-4000-8000-00000000000${index}`, hostname: nodeHostname("dc1", index) });

const emulatedNode = (options: { auth?: boolean } = {}): SessionNode => ({
  view: () => ({ self: spec(0, "127.0.0.2"), nativePort: 9042, startedAt: 0, clusterName: "cass", peers: [spec(1, "127.0.0.3")] }),
  credentialsCheck: () => (options.auth === false ? undefined : (user, password) => user === "cassandra" && password === "pw"),
  prepared: new Map(),
});
const session = (node = emulatedNode()) => new CqlSession(node);

const frame = (opcode: number, body: Buffer = Buffer.alloc(0), version = 4): Frame => ({ version, isResponse: false, flags: 0, stream: 1, opcode, body });
const startup = () => frame(Opcode.startup, new WireWriter().short(1).string("CQL_VERSION").string("3.0.0").toBuffer());
const plain = (user: string, password: string) => frame(Opcode.authResponse, new WireWriter().bytes(Buffer.from(`\0${user}\0${password}`)).toBuffer());
const query = (cql: string, opcode: number = Opcode.query) => frame(opcode, new WireWriter().longString(cql).short(1).byte(0).toBuffer());

function errorOf(answer: { opcode: number; body: Buffer }) {
  expect(answer.opcode).toBe(Opcode.error);
  const reader = new WireReader(answer.body);
  return { code: reader.int(), message: reader.string() };
}

/** Rows result → column names and rows of raw cells as strings (enough to see what a query selected). */
function rowsOf(answer: { opcode: number; body: Buffer }) {
  expect(answer.opcode).toBe(Opcode.result);
  const r = new WireReader(answer.body);
  expect(r.int()).toBe(2);
  const [, count] = [r.int(), r.int()];
  const table = [r.string(), r.string()].join(".");
  const readType = (): void => {
    const id = r.short();
    if (id === 0x20 || id === 0x22) readType();
    if (id === 0x21) { readType(); readType(); }
  };
  const columns = Array.from({ length: count }, () => { const name = r.string(); readType(); return name; });
  const rows = Array.from({ length: r.int() }, () => columns.map(() => r.bytes()));
  return { table, columns, rows };
}

function ready(node = session()) {
  node.answer(startup());
  expect(node.answer(plain("cassandra", "pw")).opcode).toBe(Opcode.authSuccess);
  return node;
}

describe("CQL session", () => {
  it("answers a v5 (or DSE) request with a v4 protocol error naming the supported version, then closes", () => {
    for (const version of [5, 0x42, 2]) {
      const answer = session().answer(frame(Opcode.options, Buffer.alloc(0), version));
      expect(errorOf(answer)).toEqual({ code: ErrorCode.protocol,
        message: `Invalid or unsupported protocol version (${version}); supported versions are (4/v4)` });
      expect(answer.close).toBe(true);
    }
  });

  it("accepts only OPTIONS or STARTUP first, then only the SASL response", () => {
    const node = session();
    expect(errorOf(node.answer(query("SELECT * FROM system.local"))).message).toBe("Unexpected message QUERY, expecting STARTUP or OPTIONS");
    expect(node.answer(frame(Opcode.options)).opcode).toBe(Opcode.supported);
    const authenticate = node.answer(startup());
    expect(authenticate.opcode).toBe(Opcode.authenticate);
    expect(new WireReader(authenticate.body).string()).toBe("org.apache.cassandra.auth.PasswordAuthenticator");
    expect(errorOf(node.answer(frame(Opcode.options))).message).toBe("Unexpected message OPTIONS, expecting SASL_RESPONSE");
  });

  it("checks SASL PLAIN credentials against cassandra and the admin password", () => {
    const node = session();
    node.answer(startup());
    expect(errorOf(node.answer(plain("cassandra", "nope")))).toEqual({ code: ErrorCode.badCredentials,
      message: "Provided username cassandra and/or password are incorrect" });
    expect(errorOf(node.answer(plain("admin", "pw"))).code).toBe(ErrorCode.badCredentials);
    expect(node.answer(plain("cassandra", "pw")).opcode).toBe(Opcode.authSuccess);
    expect(errorOf(node.answer(startup())).message).toBe("Unexpected message STARTUP, the connection is already initialized");
  });

  it("is READY straight after STARTUP when the cluster has authentication off", () => {
    expect(session(emulatedNode({ auth: false })).answer(startup()).opcode).toBe(Opcode.ready);
  });

  it("serves system.local, the peers tables, projections and filters", () => {
    const node = ready();
    const local = rowsOf(node.answer(query("SELECT release_version, data_center FROM system.local WHERE key = 'local'")));
    expect(local).toEqual({ table: "system.local", columns: ["release_version", "data_center"], rows: [[Buffer.from("4.0.11"), Buffer.from("dc1")]] });
    const peers = rowsOf(node.answer(query("select peer, rpc_address from system.peers;")));
    expect(peers.rows).toEqual([[Buffer.from([127, 0, 0, 3]), Buffer.from([127, 0, 0, 3])]]);
    const peersV2 = rowsOf(node.answer(query("SELECT native_address, native_port FROM system.peers_v2")));
    expect(peersV2.rows).toEqual([[Buffer.from([127, 0, 0, 3]), Buffer.from([0, 0, 0x23, 0x52])]]);
    expect(rowsOf(node.answer(query("SELECT * FROM system.peers WHERE peer = '127.0.0.9'"))).rows).toEqual([]);
    expect(rowsOf(node.answer(query("SELECT * FROM system_schema.tables"))).columns).toContain("table_name");
  });

  it("answers errors for what a system-only node cannot do, never silence", () => {
    const node = ready();
    expect(errorOf(node.answer(query("SELECT * FROM system.nope")))).toEqual({ code: ErrorCode.invalid, message: "unconfigured table nope" });
    expect(errorOf(node.answer(query("SELECT nope FROM system.local"))).message).toBe("Undefined column name nope in table system.local");
    expect(errorOf(node.answer(query("SELECT * FROM local"))).message).toMatch(/No keyspace has been specified/);
    expect(errorOf(node.answer(query("CREATE KEYSPACE k WITH replication = {}"))).code).toBe(ErrorCode.invalid);
    expect(errorOf(node.answer(query("HELLO"))).code).toBe(ErrorCode.syntax);
    expect(errorOf(node.answer(frame(0x42))).message).toBe("Unknown opcode 66");
  });

  it("switches keyspace on USE and resolves unqualified tables in it", () => {
    const node = ready();
    const use = node.answer(query('USE "system"'));
    expect([use.opcode, new WireReader(use.body).int()]).toEqual([Opcode.result, 3]);
    expect(rowsOf(node.answer(query("SELECT key FROM local"))).rows).toEqual([[Buffer.from("local")]]);
    expect(errorOf(node.answer(query("USE app"))).message).toBe("Keyspace 'app' does not exist");
  });

  it("prepares statements node-wide and answers Unprepared for an unknown id", () => {
    const shared = emulatedNode();
    const prepared = ready(session(shared)).answer(query("SELECT release_version FROM system.local", Opcode.prepare));
    const reader = new WireReader(prepared.body);
    expect(reader.int()).toBe(4);
    const id = reader.shortBytes();
    const execute = (statementId: Buffer) => frame(Opcode.execute, new WireWriter().shortBytes(statementId).short(1).byte(0).toBuffer());
    const otherConnection = ready(session(shared));
    expect(rowsOf(otherConnection.answer(execute(id))).rows).toEqual([[Buffer.from("4.0.11")]]);
    expect(errorOf(ready(session()).answer(execute(id))).code).toBe(ErrorCode.unprepared); // another node has its own cache
    expect(errorOf(otherConnection.answer(execute(Buffer.from("beef", "hex"))))).toMatchObject({ code: ErrorCode.unprepared });
  });
});
