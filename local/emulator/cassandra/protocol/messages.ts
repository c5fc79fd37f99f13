// Bodies of the non-RESULT responses a node sends (native_protocol_v4.spec §4.2) and the error codes it uses (§9).
import { WireWriter } from "./wire.js";

export const ErrorCode = {
  server: 0x0000,
  protocol: 0x000a,
  badCredentials: 0x0100,
  syntax: 0x2000,
  invalid: 0x2200,
  unprepared: 0x2500,
} as const;

/** What Cassandra's PasswordAuthenticator (the "Cassandra" authenticationMethod, reference §1.2) announces. */
export const PASSWORD_AUTHENTICATOR = "org.apache.cassandra.auth.PasswordAuthenticator";

/** ERROR: [int] code, [string] message; Unprepared also carries the unknown statement id. */
export function errorBody(code: number, message: string, unpreparedId?: Buffer): Buffer {
  const writer = new WireWriter().int(code).string(message);
  if (unpreparedId) writer.shortBytes(unpreparedId);
  return writer.toBuffer();
}

export const supportedBody = (options: Readonly<Record<string, readonly string[]>>): Buffer =>
  new WireWriter().stringMultimap(options).toBuffer();

export const authenticateBody = (authenticator: string): Buffer => new WireWriter().string(authenticator).toBuffer();

/** PasswordAuthenticator finishes in one step and sends no final token. */
export const authSuccessBody = (): Buffer => new WireWriter().bytes(null).toBuffer();

export const emptyBody = (): Buffer => Buffer.alloc(0);
