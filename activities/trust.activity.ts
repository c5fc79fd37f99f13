// The cluster's clientCertificates list. Every write re-reads the cluster just before it and changes
// only what the rotation owns (architecture.md "One writer per cluster", azure-rest.md §1.4).
import { trustEntry } from "../src/adapters/trustEntries.js";
import { pemFromDer } from "../src/domain/pem.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { applyTrustChange, sameTrust, thumbprintsOf } from "../src/domain/trustList.js";
import { activities as A } from "../src/names.js";
import { defineActivity, PermanentProblem } from "./stepResult.js";

export const updateClusterTrust = (adapters: AdaptersProvider) =>
  defineActivity(A.updateClusterTrust, "update cluster trust", async ({ cluster, add, remove }) => {
    const { clusters, certificates } = await adapters();
    const state = await clusters.get(cluster);
    if (!state) throw new PermanentProblem("ClusterNotFound", `cluster ${cluster.clusterName} not found`);
    const added = await Promise.all(add.map(async ({ name, version }) => {
      const v = await certificates.getVersion(name, version);
      if (!v?.certificateBase64) throw new PermanentProblem("CertificateVersionNotFound", `certificate ${name}/${version} not found`);
      return trustEntry(pemFromDer(v.certificateBase64));
    }));
    const before = state.clientCertificates.map(trustEntry);
    const after = applyTrustChange(before, { add: added, remove });
    const thumbprints = thumbprintsOf(after);
    if (sameTrust(before, after)) return { changed: false, thumbprints };
    await clusters.beginSetClientCertificates(cluster, after.map((e) => e.pem));
    return { changed: true, thumbprints };
  });

export const readClusterTrust = (adapters: AdaptersProvider) =>
  defineActivity(A.readClusterTrust, "read cluster trust", async (cluster) => {
    const state = await (await adapters()).clusters.get(cluster);
    if (!state) throw new PermanentProblem("ClusterNotFound", `cluster ${cluster.clusterName} not found`);
    return { provisioningState: state.provisioningState ?? "Unknown", thumbprints: thumbprintsOf(state.clientCertificates.map(trustEntry)) };
  });
