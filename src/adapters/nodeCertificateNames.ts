// Which names make a node certificate a managed-Cassandra node's: shared by the probe's TLS identity check and the
// connection kit's hosts lines (src/adapters/nodeIdentity.ts), so both accept exactly the same names.
import type tls from "node:tls";

/**
 * A managed-Cassandra node name. Sources disagree on the shape (host-and-service.md §11): `<dc>00000N.managedcassandra
 * .cosmos.azure.com` and `<node>.managedcassandra.internal.cosmos.azure.com`; names are read from the node certificates,
 * never guessed, so both are accepted.
 */
const NODE_NAME = /^[a-z0-9*]([a-z0-9-]*[a-z0-9])?\.managedcassandra(\.internal)?\.cosmos\.azure\.com$/i;

/** DNS names under the managed-Cassandra domain in a subjectAltName text ("DNS:…, IP Address:…", as Node prints it). */
export const nodeNamesIn = (subjectAltName: string | undefined): string[] => (subjectAltName ?? "").split(", ")
  .filter((name) => name.startsWith("DNS:")).map((name) => name.slice(4)).filter((name) => NODE_NAME.test(name));

/** DNS names of the node certificate under the managed-Cassandra domain: the connection kit's hosts lines. */
export const nodeNamesOf = (cert: tls.PeerCertificate): string[] => nodeNamesIn(cert.subjectaltname);

/** We dial an IP, so the usual host-name check cannot apply; the node must instead carry a managed-Cassandra name. */
export function checkNodeIdentity(_host: string, cert: tls.PeerCertificate): Error | undefined {
  return nodeNamesOf(cert).length > 0 ? undefined
    : new Error(`the node certificate has no managed-Cassandra DNS name (*.managedcassandra[.internal].cosmos.azure.com; ${cert.subjectaltname ?? "no subjectAltName"})`);
}
