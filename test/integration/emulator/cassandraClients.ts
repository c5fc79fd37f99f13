// The client side of the emulated-node tests (cassandraNodes.test.ts): the real cassandra-driver configured the way the
// connection kit's Node snippet configures it, and the checks for a connection the nodes refuse.
import tls from "node:tls";
import cassandra from "cassandra-driver";
import { expect } from "vitest";
import type { EmulatedNode } from "../../../local/emulator/cassandra/index.js";
import type { Emulator } from "../../../local/emulator/server.js";
import type { PemPair } from "../../../local/emulator/tls/certificates.js";
import { TEST_CLUSTER_ADMIN_PASSWORD } from "../../support/testIds.js";

/** The emulator and the nodes a test file connects to. */
interface NodeTarget {
  emulator: Emulator;
  nodes: EmulatedNode[];
}

export interface DriverOverrides {
  password?: string;
  nameOf?: (ip: string) => string;
}

type DriverOptions = ReturnType<typeof driverOptionsFor>;

/** The driver options the connection kit's Node snippet uses, with node names checked through the IP → name map. */
export function driverOptionsFor(target: NodeTarget, identity: Partial<PemPair>, overrides: DriverOverrides = {}) {
  const { emulator, nodes } = target;
  const nameOf = overrides.nameOf ?? ((ip: string) => nodes.find((n) => n.address === ip)?.hostname ?? ip);
  return {
    contactPoints: [nodes[0]?.address ?? ""],
    localDataCenter: "dc1",
    protocolOptions: { port: emulator.cqlPort },
    authProvider: new cassandra.auth.PlainTextAuthProvider("cassandra", overrides.password ?? TEST_CLUSTER_ADMIN_PASSWORD),
    sslOptions: {
      ca: [emulator.nodeCaCertPem],
      ...(identity.certPem ? { cert: identity.certPem } : {}),
      ...(identity.keyPem ? { key: identity.keyPem } : {}),
      rejectUnauthorized: true,
      minVersion: "TLSv1.2" as const,
      checkServerIdentity: (host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(nameOf(host), cert),
    },
    socketOptions: { connectTimeout: 5000 },
  };
}

export async function withClient<T>(options: DriverOptions, use: (c: cassandra.Client) => Promise<T>): Promise<T> {
  const driver = new cassandra.Client(options);
  try {
    await driver.connect();
    return await use(driver);
  } finally {
    await driver.shutdown();
  }
}

export const releaseVersion = (options: DriverOptions) =>
  withClient(options, async (c) => (await c.execute("SELECT release_version FROM system.local")).first()?.get("release_version"));

/** What each contact point failed with, once the driver gave up. */
export async function connectFailures(options: DriverOptions): Promise<unknown[]> {
  const error = await withClient(options, async () => undefined).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(cassandra.errors.NoHostAvailableError);
  return Object.values((error as cassandra.errors.NoHostAvailableError).innerErrors);
}

/** Refused in the TLS handshake: the node hangs up on an untrusted certificate, or alerts when none was sent. */
export async function expectHandshakeRefused(options: DriverOptions): Promise<void> {
  const failures = await connectFailures(options);
  expect(failures).not.toHaveLength(0);
  for (const failure of failures) {
    expect(failure).toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)$/) });
  }
}
