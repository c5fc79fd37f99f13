// GET /api/clusters/{resourceGroup}/{clusterName}/connection-kit?client=NAME[&dir=ABSOLUTE_DIR]: the files a user
// needs to reach the cluster with cqlsh or a driver (domain/kitFiles.ts), never the private key or a password.
// Node names and the server CA bundle come from the nodes themselves: a TLS handshake with each node (the nodes
// require a client certificate) made with the client certificate the kit is for. Its key is read from Key Vault
// inside this function for those handshakes only, as the verify activity does, and never leaves it; users fetch
// the key with their own credential (`npm run kit`, or the az command in the kit's README).
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { certificateStemFor, ownedVersionsOf } from "../adapters/certificateInventory.js";
import { readNodeIdentity } from "../adapters/nodeIdentity.js";
import type { Config } from "../config.js";
import { clientCertificateName, DEFAULT_CLIENT } from "../domain/certificateNames.js";
import { connectionKitFiles } from "../domain/kitFiles.js";
import { keyAndChain } from "../domain/pem.js";
import type { AdaptersProvider } from "../domain/ports.js";
import { clientName } from "../domain/azureNames.js";
import { currentVersion } from "../domain/rotation.js";
import { checked, clusterOf } from "./edge.js";
import { json, problem } from "./httpResponses.js";

// Only the kit's own parameters are read: `code` (the function key) and others may ride along.
export const KitQuery = z.object({
  client: clientName.default(DEFAULT_CLIENT),
  dir: z.string().max(400).regex(/^(?:[A-Za-z]:)?[\\/][\w .\\/@+,~-]*$/,
    "must be an absolute directory path of letters, digits, spaces and . _ - / \\ @ + , ~").optional(),
});

export async function getConnectionKit(req: HttpRequest, deps: { config: Readonly<Config>; adapters: AdaptersProvider }): Promise<HttpResponseInit> {
  const address = clusterOf(req, deps.config);
  if (!address.ok) return address.response;
  const cluster = address.value;
  const query = checked(KitQuery, { client: req.query.get("client") ?? undefined, dir: req.query.get("dir") ?? undefined });
  if (!query.ok) return query.response;
  const { client, dir } = query.value;
  const { clusters, certificates, secrets } = await deps.adapters();
  const state = await clusters.get(cluster);
  if (!state) return problem(404, "ClusterNotFound", `No cluster ${cluster.resourceGroup}/${cluster.clusterName}.`);

  const name = clientCertificateName(await certificateStemFor(certificates, cluster), client);
  // Only versions tagged as this cluster's by this app: a look-alike certificate's key is never read (domain/ownership.ts).
  const current = currentVersion(await ownedVersionsOf(certificates, name, cluster, deps.config.managedByTag));
  if (!current) {
    return problem(404, "ClientCertificateNotFound", `Cluster ${cluster.clusterName} has no current client certificate "${client}" `
      + `(Key Vault certificate ${name}). Issue one: POST /api/clusters/${cluster.resourceGroup}/${cluster.clusterName}/rotations {"clients":["${client}"]}.`);
  }
  const identity = keyAndChain(await secrets.getSecretValue(name, current.version));
  if (!identity) return problem(502, "ClientKeyUnavailable", `Key Vault secret ${name}/${current.version} holds no exportable key and certificate.`);

  const status = await clusters.nodes(cluster);
  if (!status.length) return problem(409, "NoNodes", `Cluster ${cluster.clusterName} reports no nodes yet.`);
  const readings = await Promise.all(status.map((node) => readNodeIdentity(node, identity, deps.config.cql)));
  const reached = readings.flatMap((r) => (r.ok ? [r] : []));
  const unreachableNodes = readings.flatMap((r) => (r.ok ? [] : [{ address: r.address, datacenter: r.datacenter, reason: r.reason }]));
  if (!reached.length) return problem(502, "NodesUnreachable", `No node of ${cluster.clusterName} completed a TLS handshake.`, { nodes: unreachableNodes });

  const keySecretId = `${deps.config.azure.keyVaultUrl}/secrets/${name}/${current.version}`;
  const files = connectionKitFiles({
    cluster, client, keySecretId, port: deps.config.cql.port,
    certificate: { name, version: current.version, notAfter: current.notAfter },
    nodes: reached.map((r) => r.node), serverChains: reached.map((r) => r.chain), clientChainPems: identity.chainPems,
    ...(dir ? { directory: dir } : {}),
  });
  return json(200, {
    cluster: state.id,
    client,
    certificate: { name, version: current.version, thumbprint: current.thumbprint, notAfter: current.notAfter },
    clientKeySecret: { keyVaultUrl: deps.config.azure.keyVaultUrl, secretName: name, secretVersion: current.version, secretId: keySecretId },
    port: deps.config.cql.port,
    nodes: reached.map((r) => r.node),
    ...(unreachableNodes.length ? { unreachableNodes } : {}),
    files,
  });
}
