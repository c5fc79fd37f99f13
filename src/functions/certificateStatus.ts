// GET /api/clusters/{resourceGroup}/{clusterName}/certificates: every version of the cluster's CA and
// client certificates with stage, thumbprint, validity and whether the cluster trusts it, plus the next
// planned rotation and any rotation running now. Certificates only: no key material is ever read here.
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import type { CertificateVersionInfo } from "../../activities/certificates.activity.js";
import { readCertificateInventory } from "../../activities/inventory.activity.js";
import type { AdaptersProvider } from "../../activities/stepResult.js";
import { trustEntry } from "../../activities/trust.activity.js";
import type { Config } from "../config.js";
import { caCertificateName, clientCertificateName } from "../domain/certificateNames.js";
import { decideRotation } from "../domain/rotation.js";
import { MONTH_MS } from "../domain/rotationPlan.js";
import { rotationInstanceId } from "../names.js";
import { findInstance, json, problem } from "./http.js";

export async function getCertificates(req: HttpRequest, client: DurableClient, deps: { config: Readonly<Config>; adapters: AdaptersProvider; now: Date }): Promise<HttpResponseInit> {
  const cluster = { subscriptionId: deps.config.azure.subscriptionId, resourceGroup: req.params.resourceGroup ?? "", clusterName: req.params.clusterName ?? "" };
  const state = await (await deps.adapters()).clusters.get(cluster);
  if (!state) return problem(404, "ClusterNotFound", `No cluster ${cluster.resourceGroup}/${cluster.clusterName}.`);
  const found = await readCertificateInventory(deps.adapters)({ cluster, clients: [] });
  if (!found.ok) return problem(502, "KeyVaultUnavailable", found.message);
  const trusted = new Set(state.clientCertificates.map(trustEntry).flatMap((e) => (e.thumbprint ? [e.thumbprint] : [])));
  const view = (v: CertificateVersionInfo) => ({ ...v, trustedByCluster: trusted.has(v.thumbprint) });
  const { rotation } = deps.config;
  const decision = decideRotation({
    ca: found.value.ca, clients: found.value.clients, now: deps.now,
    policy: { clientRenewFraction: rotation.clientRenewFraction, caRenewFraction: rotation.caRenewFraction, clientValidityMs: rotation.clientValidityMonths * MONTH_MS },
  });
  const running = await findInstance(client, rotationInstanceId(cluster.subscriptionId, cluster.resourceGroup, cluster.clusterName));
  return json(200, {
    cluster: state.id,
    ca: { name: caCertificateName(cluster.clusterName), versions: found.value.ca.map(view) },
    clients: Object.fromEntries(Object.entries(found.value.clients).map(([name, versions]) =>
      [name, { name: clientCertificateName(cluster.clusterName, name), versions: versions.map(view) }])),
    clusterTrust: { entries: state.clientCertificates.length, notIssuedByThisApp: [...trusted].filter((t) => !found.value.ca.some((v) => v.thumbprint === t)).length },
    nextRotation: decision.action === "none" ? { action: "none", at: decision.nextCheckAt } : { action: decision.action, at: "due now", reasons: decision.reasons },
    ...(running ? { lastRotation: { id: running.instanceId, runtimeStatus: running.runtimeStatus, progress: running.customStatus } } : {}),
  });
}
