// The connection kit of a cluster for one client certificate (architecture.md "Certificates and Key Vault"):
// its files and what they are made from. The private key is never an input, only the name of its file.

export const KIT_FILES = {
  cqlshrc: "cqlshrc",
  hosts: "hosts",
  serverCaBundle: "ca-bundle.pem",
  clientCertificate: "client.crt",
  clientCa: "client-ca.pem",
  /** Not part of the kit the app serves: `npm run kit` writes it from Key Vault with the caller's credential. */
  clientKey: "client.key",
  pythonExample: "python_example.py",
  nodeExample: "node_example.mjs",
  readme: "README.txt",
} as const;

/** The role the cluster is created with (initialCassandraAdminPassword); its password is never in a kit. */
export const CASSANDRA_ADMIN_ROLE = "cassandra";
export const PASSWORD_VARIABLE = "CASSANDRA_PASSWORD";

export interface KitNode {
  address: string;
  datacenter: string;
  /** The managed-Cassandra DNS name on the node's own server certificate. */
  hostname: string;
}

export interface ConnectionKitInput {
  cluster: { resourceGroup: string; clusterName: string };
  client: string;
  certificate: { name: string; version: string; notAfter: string | undefined };
  /** Key Vault secret id (with version) holding the client key: where a user fetches it. */
  keySecretId: string;
  port: number;
  /** Reachable nodes, in status order. */
  nodes: KitNode[];
  /** Each reachable node's presented chain, leaf first. */
  serverChains: string[][];
  /** The client certificate chain, leaf first (from the Key Vault secret). */
  clientChainPems: string[];
  /** Absolute directory the files will be written to; cqlshrc paths are relative to the working directory without it. */
  directory?: string;
}

export type KitFileName = Exclude<(typeof KIT_FILES)[keyof typeof KIT_FILES], "client.key">;

/** The roots and intermediates the nodes present (every certificate but the leaves), each once. */
export function serverCaBundle(chains: string[][]): string[] {
  const issuers = chains.flatMap((chain) => (chain.length > 1 ? chain.slice(1) : chain));
  return [...new Set(issuers.map((pem) => pem.trim()))];
}

export const kitLabel = (input: ConnectionKitInput) =>
  `cluster ${input.cluster.resourceGroup}/${input.cluster.clusterName}, client certificate "${input.client}"`;
