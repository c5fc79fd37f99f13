// Server identities of emulated nodes: an "emulated public root" CA, separate from the HTTPS emulator's CA (real
// nodes present certificates from a public CA, not from the one that serves ARM), signs one certificate per node
// with DNS SAN `<dc>00000N.managedcassandra.cosmos.azure.com` and IP SAN of its address.
import path from "node:path";
import { issueServerCertificate, type PemPair } from "../tls/certificates.js";
import { loadOrCreateCa } from "../tls/serverTls.js";
import type { EmulatedNodeSpec } from "./nodeModel.js";

const FILES = { caCert: "node-ca.pem", caKey: "node-ca.key.pem" };
const COMMON_NAME = "Cassandra VPN Emulator Public Root CA (nodes)";

export interface NodeCa {
  ca: PemPair;
  caCertPath: string;
}

export async function loadOrCreateNodeCa(dir: string): Promise<NodeCa> {
  const caCertPath = path.join(dir, FILES.caCert);
  return { ca: await loadOrCreateCa(caCertPath, path.join(dir, FILES.caKey), COMMON_NAME), caCertPath };
}

/** `certPem` is the chain the node presents: its own certificate, then the root (so a client can read the bundle). */
export async function issueNodeCertificate(nodeCa: NodeCa, node: EmulatedNodeSpec): Promise<PemPair> {
  const leaf = await issueServerCertificate(nodeCa.ca, { commonName: node.hostname, dnsNames: [node.hostname], ipAddresses: [node.address] });
  return { certPem: `${leaf.certPem.trimEnd()}\n${nodeCa.ca.certPem}`, keyPem: leaf.keyPem };
}
