// Who a node is: the chain it presents in a TLS handshake (the nodes require a client certificate, so
// one is sent) and the managed-Cassandra name on its certificate. Names are read from the certificate,
// never guessed from the datacenter name (host-and-service.md §11).
import { X509Certificate } from "node:crypto";
import type { Config } from "../config.js";
import type { KitNode } from "../domain/connectionKit.js";
import { joinPems } from "../domain/pem.js";
import type { NodeStatus } from "../domain/ports.js";
import { readServerChain } from "./cqlProbe.js";
import { nodeNamesIn } from "./nodeCertificateNames.js";

export type NodeIdentity = { ok: true; node: KitNode; chain: string[] } | { ok: false; address: string; datacenter: string; reason: string };

/** The node's presented chain and the managed-Cassandra name on its certificate, or why it could not be read. */
export async function readNodeIdentity(node: NodeStatus, identity: { keyPem: string; chainPems: string[] }, cql: Config["cql"]): Promise<NodeIdentity> {
  try {
    const chain = await readServerChain({
      address: node.address, port: cql.port, timeoutMs: cql.verifyTimeoutMs,
      clientCertificatePem: joinPems(identity.chainPems), clientKeyPem: identity.keyPem,
      ...(cql.trustedServerCaPems ? { trustedCaPems: cql.trustedServerCaPems } : {}),
    });
    // A hosts line needs one concrete name: wildcards cannot be resolved.
    const hostname = nodeNamesIn(new X509Certificate(chain[0] ?? "").subjectAltName).find((n) => !n.startsWith("*"));
    if (!hostname) return { ok: false, address: node.address, datacenter: node.datacenter, reason: "the node certificate has no concrete node name" };
    return { ok: true, node: { address: node.address, datacenter: node.datacenter, hostname }, chain };
  } catch (error) {
    return { ok: false, address: node.address, datacenter: node.datacenter, reason: String((error as Error)?.message ?? error).split("\n")[0]! };
  }
}
