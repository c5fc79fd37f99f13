// The proof that a client certificate works before anything depends on it: a real mutual TLS
// handshake plus a CQL OPTIONS → SUPPORTED exchange with every node of the cluster. The key is read
// from Key Vault inside the activity, used for the handshakes and dropped; results carry no key material.
import { probeCqlNode } from "../src/adapters/cqlProbe.js";
import type { Config } from "../src/config.js";
import { joinPems, keyAndChain } from "../src/domain/pem.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { activities as A } from "../src/names.js";
import type { NodeCheck } from "./contracts.js";
import { defineActivity, PermanentProblem } from "./stepResult.js";

export const verifyClientCertificate = (adapters: AdaptersProvider, cql: Config["cql"]) =>
  defineActivity(A.verifyClientCertificate, "verify client certificate", async (input) => {
    const { clusters, secrets } = await adapters();
    const nodes = await clusters.nodes(input.cluster);
    if (!nodes.length) throw new PermanentProblem("NoNodes", `cluster ${input.cluster.clusterName} reports no nodes`);
    const identity = keyAndChain(await secrets.getSecretValue(input.name, input.version));
    if (!identity) throw new PermanentProblem("ClientKeyUnavailable", `secret ${input.name}/${input.version} has no exportable key and certificate`);
    const checks: NodeCheck[] = await Promise.all(nodes.map(async ({ address }) => {
      const result = await probeCqlNode({
        address, port: cql.port, timeoutMs: cql.verifyTimeoutMs,
        clientCertificatePem: joinPems(identity.chainPems), clientKeyPem: identity.keyPem,
        ...(cql.trustedServerCaPems ? { trustedCaPems: cql.trustedServerCaPems } : {}),
      });
      return result.ok ? { address, ok: true, serverNames: result.serverNames } : { address, ok: false, stage: result.stage, reason: result.reason };
    }));
    return { ok: checks.every((c) => c.ok), nodes: checks };
  });
