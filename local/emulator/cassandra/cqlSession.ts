// One client connection to an emulated node, as Cassandra 4.0's ServerConnection runs it: OPTIONS or STARTUP first,
// then SASL PLAIN against PasswordAuthenticator (user `cassandra`, the cluster's initialCassandraAdminPassword),
// then queries. Every request gets exactly one response frame; nothing is left unanswered.
import { createHash } from "node:crypto";
import { routeQuery } from "./queryRouter.js";
import { Opcode, PROTOCOL_VERSION, FrameFlag, type Frame } from "./protocol/frame.js";
import { authenticateBody, authSuccessBody, emptyBody, errorBody, ErrorCode, PASSWORD_AUTHENTICATOR, supportedBody } from "./protocol/messages.js";
import { preparedResult, rowsResult, setKeyspaceResult } from "./protocol/results.js";
import { WireReader } from "./protocol/wire.js";
import { CQL_VERSION, type NodeView } from "./systemTables.js";

export interface SessionNode {
  view(): NodeView;
  /** `undefined` when the cluster's authenticationMethod is None (AllowAllAuthenticator: STARTUP → READY). */
  credentialsCheck(): ((user: string, password: string) => boolean) | undefined;
  /** Prepared statements are node-wide in Cassandra: an id prepared on one connection executes on another. */
  prepared: Map<string, string>;
}

export interface Answer {
  opcode: number;
  body: Buffer;
  /** Close the connection after sending (protocol negotiation failed, as Cassandra does). */
  close?: boolean;
}

/** Only v4 is spoken; a SUPPORTED that offered more would invite a client to retry with it. */
export const SUPPORTED_OPTIONS = { CQL_VERSION: [CQL_VERSION], COMPRESSION: [], PROTOCOL_VERSIONS: ["4/v4"] };

const error = (code: number, message: string, close = false): Answer => ({ opcode: Opcode.error, body: errorBody(code, message), close });
const protocolError = (message: string, close = false) => error(ErrorCode.protocol, message, close);
const OPCODE_NAMES = Object.fromEntries(Object.entries(Opcode).map(([name, code]) => [code, name.toUpperCase()]));

type ConnectionState = "uninitialized" | "authenticating" | "ready";

export class CqlSession {
  private state: ConnectionState = "uninitialized";
  private keyspace: string | undefined;

  constructor(private readonly node: SessionNode) {}

  answer(frame: Frame): Answer {
    // Cassandra 4.0 answers an unsupported version in the highest one it speaks, so the driver retries with it.
    if (frame.version !== PROTOCOL_VERSION) {
      return protocolError(`Invalid or unsupported protocol version (${frame.version}); supported versions are (4/v4)`, true);
    }
    if (frame.isResponse) return protocolError("Received a response frame where a request was expected", true);
    if (frame.flags & FrameFlag.compression) return protocolError("Received a compressed frame, but no compression was negotiated", true);
    const body = new WireReader(frame.body);
    if (frame.flags & FrameFlag.customPayload) body.bytesMap();
    const unexpected = this.unexpected(frame.opcode);
    return unexpected ? protocolError(unexpected) : this.dispatch(frame.opcode, body);
  }

  /** ServerConnection.validateNewMessage: which requests each connection state accepts. */
  private unexpected(opcode: number): string | undefined {
    const name = OPCODE_NAMES[opcode] ?? `opcode ${opcode}`;
    if (this.state === "uninitialized" && opcode !== Opcode.startup && opcode !== Opcode.options) {
      return `Unexpected message ${name}, expecting STARTUP or OPTIONS`;
    }
    if (this.state === "authenticating" && opcode !== Opcode.authResponse) return `Unexpected message ${name}, expecting SASL_RESPONSE`;
    if (this.state === "ready" && opcode === Opcode.startup) return "Unexpected message STARTUP, the connection is already initialized";
    return undefined;
  }

  private dispatch(opcode: number, body: WireReader): Answer {
    switch (opcode) {
      case Opcode.options:
        return { opcode: Opcode.supported, body: supportedBody(SUPPORTED_OPTIONS) };
      case Opcode.startup:
        body.stringMap();
        if (!this.node.credentialsCheck()) return this.become("ready", { opcode: Opcode.ready, body: emptyBody() });
        return this.become("authenticating", { opcode: Opcode.authenticate, body: authenticateBody(PASSWORD_AUTHENTICATOR) });
      case Opcode.authResponse:
        return this.authenticate(body.bytes() ?? Buffer.alloc(0));
      case Opcode.register:
        body.stringList();
        return { opcode: Opcode.ready, body: emptyBody() };
      case Opcode.query:
        return this.run(body.longString());
      case Opcode.prepare:
        return this.prepare(body.longString());
      case Opcode.execute: {
        const id = body.shortBytes();
        const query = this.node.prepared.get(id.toString("hex"));
        if (query === undefined) {
          return { opcode: Opcode.error, body: errorBody(ErrorCode.unprepared, `Prepared query with ID ${id.toString("hex")} not found`, id) };
        }
        return this.run(query);
      }
      case Opcode.batch:
        return error(ErrorCode.invalid, "The emulated node has no user tables to write to.");
      default:
        return protocolError(`Unknown opcode ${opcode}`);
    }
  }

  /** SASL PLAIN (RFC 4616): [authzid] NUL authcid NUL passwd. */
  private authenticate(token: Buffer): Answer {
    const parts = token.toString("utf8").split("\0");
    const [user = "", password = ""] = parts.slice(-2);
    const check = this.node.credentialsCheck();
    if (parts.length < 2 || (check && !check(user, password))) {
      return error(ErrorCode.badCredentials, `Provided username ${user} and/or password are incorrect`);
    }
    return this.become("ready", { opcode: Opcode.authSuccess, body: authSuccessBody() });
  }

  private run(query: string): Answer {
    const outcome = routeQuery(query, this.node.view(), this.keyspace);
    if (outcome.kind === "error") return error(outcome.code, outcome.message);
    if (outcome.kind === "setKeyspace") {
      this.keyspace = outcome.keyspace;
      return { opcode: Opcode.result, body: setKeyspaceResult(outcome.keyspace) };
    }
    return { opcode: Opcode.result, body: rowsResult(outcome.table, outcome.rows) };
  }

  private prepare(query: string): Answer {
    const outcome = routeQuery(query, this.node.view(), this.keyspace);
    if (outcome.kind === "error") return error(outcome.code, outcome.message);
    const id = createHash("md5").update(query).digest();
    this.node.prepared.set(id.toString("hex"), query);
    return { opcode: Opcode.result, body: preparedResult(id, outcome.kind === "rows" ? outcome.table : undefined) };
  }

  private become(state: ConnectionState, answer: Answer): Answer {
    this.state = state;
    return answer;
  }
}
