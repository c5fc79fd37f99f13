// GET /api/clusters/{resourceGroup}/{clusterName}/certificates: every version of the cluster's CA and
// client certificates with stage, thumbprint, validity and whether the cluster trusts it, plus the next
// planned rotation and any rotation running now. Certificates only: no key material is ever read here.
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { CertificateNotOwned, readInventory } from "../adapters/certificateInventory.js";
import { AzureOperationError, toAzureError } from "../adapters/errors.js";
import { trustEntry } from "../adapters/trustEntries.js";
import { rotationSettings, type Config } from "../config.js";
import { caCertificateName, clientCertificateName } from "../domain/certificateNames.js";
import type { CertificateVersionInfo } from "../domain/certificateProfiles.js";
import { rotationInstanceId } from "../domain/ids.js";
import type { AdaptersProvider } from "../domain/ports.js";
import { backoffCarrier } from "../domain/backoff.js";
import { decideRotation } from "../domain/rotation.js";
import { rotationInputFor, rotationPlanFor } from "../domain/rotationPlan.js";
import { thumbprintsOf } from "../domain/trustList.js";
import { findInstance } from "../adapters/durableStatus.js";
import { clusterOf } from "./edge.js";
import { json, problem } from "./httpResponses.js";

export async function getCertificates(req: HttpRequest, client: DurableClient, deps: { config: Readonly<Config>; adapters: AdaptersProvider; now: Date }): Promise<HttpResponseInit> {
  const address = clusterOf(req, deps.config);
  if (!address.ok) return address.response;
  const cluster = address.value;
  const { clusters, certificates } = await deps.adapters();
  const state = await clusters.get(cluster);
  if (!state) return problem(404, "ClusterNotFound", `No cluster ${cluster.resourceGroup}/${cluster.clusterName}.`);
  const found = await readInventory(certificates, cluster, [], deps.config.managedByTag).catch((error: unknown) =>
    error instanceof CertificateNotOwned ? error : toAzureError(error, "read certificate inventory"));
  if (found instanceof CertificateNotOwned) return problem(409, found.code, `${found.message}.`);
  if (found instanceof AzureOperationError) return problem(502, "KeyVaultUnavailable", "Key Vault did not answer the certificate inventory; try again later.");
  const trusted = new Set(thumbprintsOf(state.clientCertificates.map(trustEntry)));
  const view = (v: CertificateVersionInfo) => ({ ...v, trustedByCluster: trusted.has(v.thumbprint) });
  const decision = decideRotation(rotationInputFor(rotationPlanFor(rotationSettings(deps.config), cluster, { reason: "status" }), found, deps.now, [...trusted]));
  const carrier = backoffCarrier(found.ca);
  const running = await findInstance(client, rotationInstanceId(cluster));
  return json(200, {
    cluster: state.id,
    ca: { name: caCertificateName(found.stem), versions: found.ca.map(view) },
    clients: Object.fromEntries(Object.entries(found.clients).map(([name, versions]) =>
      [name, { name: clientCertificateName(found.stem, name), versions: versions.map(view) }])),
    clusterTrust: { entries: state.clientCertificates.length, notIssuedByThisApp: [...trusted].filter((t) => !found.ca.some((v) => v.thumbprint === t)).length },
    nextRotation: decision.action === "none" ? { action: "none", at: decision.nextCheckAt } : { action: decision.action, at: "due now", reasons: decision.reasons },
    // The phase after a CA rotation: when the earliest earlier CA may leave the trust list (docs/certificates.md "Phases").
    ...(decision.action === "none" && decision.retirePendingUntil ? { retirePendingUntil: decision.retirePendingUntil } : {}),
    ...(carrier?.failures ? { backoff: { failures: carrier.failures, lastFailure: carrier.lastFailure, nextAttemptAt: carrier.nextAttemptAt } } : {}),
    ...(running ? { lastRotation: { id: running.instanceId, runtimeStatus: running.runtimeStatus, progress: running.customStatus } } : {}),
  });
}
