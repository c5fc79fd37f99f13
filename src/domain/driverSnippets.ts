// The connection kit's driver examples. Drivers dial node IPs while the nodes' certificates carry names, so
// both examples check each node's certificate against the name its IP has in the kit's hosts lines.
import { CASSANDRA_ADMIN_ROLE, KIT_FILES, kitLabel, PASSWORD_VARIABLE, type ConnectionKitInput } from "./connectionKit.js";

const localDatacenter = (input: ConnectionKitInput) => input.nodes[0]?.datacenter ?? "";

export function nodeExample(input: ConnectionKitInput): string {
  const f = KIT_FILES;
  return `// Connects as ${CASSANDRA_ADMIN_ROLE} to ${kitLabel(input)}, over mutual TLS,
// checking every node's certificate against its name in ./${f.hosts}. Needs ./${f.clientKey} (npm run kit writes it).
//   npm install cassandra-driver && ${PASSWORD_VARIABLE}=… node ${f.nodeExample}
import { readFileSync } from "node:fs";
import tls from "node:tls";
import cassandra from "cassandra-driver";

const kitFile = (name) => readFileSync(new URL(name, import.meta.url));
const namesByIp = Object.fromEntries(kitFile(${JSON.stringify(f.hosts)}).toString("utf8").split("\\n")
  .filter((line) => line.trim() && !line.startsWith("#")).map((line) => line.trim().split(/\\s+/)));
const password = process.env.${PASSWORD_VARIABLE};
if (!password) throw new Error("set ${PASSWORD_VARIABLE} to the password of the ${CASSANDRA_ADMIN_ROLE} role");

const client = new cassandra.Client({
  contactPoints: Object.keys(namesByIp),
  localDataCenter: ${JSON.stringify(localDatacenter(input))},
  protocolOptions: { port: ${input.port} },
  authProvider: new cassandra.auth.PlainTextAuthProvider(${JSON.stringify(CASSANDRA_ADMIN_ROLE)}, password),
  sslOptions: {
    ca: [kitFile(${JSON.stringify(f.serverCaBundle)})],
    cert: kitFile(${JSON.stringify(f.clientCertificate)}), key: kitFile(${JSON.stringify(f.clientKey)}),
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
    checkServerIdentity: (host, cert) => tls.checkServerIdentity(namesByIp[host] ?? host, cert),
  },
});
try {
  await client.connect();
  const row = (await client.execute("SELECT release_version FROM system.local")).first();
  console.log("connected to Cassandra", row.get("release_version"));
} finally {
  await client.shutdown();
}
`;
}

export function pythonExample(input: ConnectionKitInput): string {
  const f = KIT_FILES;
  return `"""Connects as ${CASSANDRA_ADMIN_ROLE} to ${kitLabel(input)}, over mutual TLS,
checking every node's certificate against its name in ./${f.hosts}. Needs ./${f.clientKey} (npm run kit writes it).

    pip install cassandra-driver && ${PASSWORD_VARIABLE}=... python3 ${f.pythonExample}
"""
import os
import ssl

from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile
from cassandra.policies import DCAwareRoundRobinPolicy

KIT = os.path.dirname(os.path.abspath(__file__))


def kit_file(name):
    return os.path.join(KIT, name)


with open(kit_file(${JSON.stringify(f.hosts)})) as hosts:
    NAMES_BY_IP = dict(line.split()[:2] for line in hosts if line.strip() and not line.startswith("#"))


class NodeNameContext(ssl.SSLContext):
    """The driver passes the IP it dials as server_hostname; the node's certificate carries its name."""

    def wrap_socket(self, sock, *args, server_hostname=None, **kwargs):
        name = NAMES_BY_IP.get(server_hostname, server_hostname)
        return super().wrap_socket(sock, *args, server_hostname=name, **kwargs)


context = NodeNameContext(ssl.PROTOCOL_TLS_CLIENT)  # certificate and host name checks on
context.minimum_version = ssl.TLSVersion.TLSv1_2
context.load_verify_locations(kit_file(${JSON.stringify(f.serverCaBundle)}))
context.load_cert_chain(kit_file(${JSON.stringify(f.clientCertificate)}), kit_file(${JSON.stringify(f.clientKey)}))

profile = ExecutionProfile(load_balancing_policy=DCAwareRoundRobinPolicy(local_dc=${JSON.stringify(localDatacenter(input))}))
cluster = Cluster(
    list(NAMES_BY_IP), port=${input.port}, ssl_context=context, execution_profiles={EXEC_PROFILE_DEFAULT: profile},
    auth_provider=PlainTextAuthProvider(${JSON.stringify(CASSANDRA_ADMIN_ROLE)}, os.environ[${JSON.stringify(PASSWORD_VARIABLE)}]),
)
try:
    row = cluster.connect().execute("SELECT release_version FROM system.local").one()
    print("connected to Cassandra", row.release_version)
finally:
    cluster.shutdown()
`;
}
