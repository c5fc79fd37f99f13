// The cluster's clientCertificates list. Every write re-reads the cluster just before it and changes
// only what the rotation owns (architecture.md "One writer per cluster", azure-rest.md §1.4).
import { AzureOperationError } from "../src/adapters/errors.js";
import { trustEntry } from "../src/adapters/trustEntries.js";
import { pemFromDer } from "../src/domain/pem.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { applyTrustChange, sameTrust, showsWritten, thumbprintsOf, writeDifference } from "../src/domain/trustList.js";
import { activities as A } from "../src/names.js";
import { defineActivity, PermanentProblem } from "./stepResult.js";

export const updateClusterTrust = (adapters: AdaptersProvider) =>
  defineActivity(A.updateClusterTrust, "update cluster trust", async ({ cluster, add, remove, force }) => {
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
    if (!force && sameTrust(before, after)) return { changed: false, thumbprints };
    await clusters.beginSetClientCertificates(cluster, after.map((e) => e.pem));
    return { changed: true, thumbprints };
  });

/**
 * The cluster's state and trusted thumbprints. Given `written` (a write's read-back), a cluster that says its update
 * `Succeeded` but does not show the list written is a transient failure, so the durable retry policy reads again
 * with backoff: a GET right after an update's LRO can return the previous state for minutes (azure-rest-api-specs
 * #19021, #19078; host-and-service.md "Writes right after an LRO are lost"). Nothing may build on the write before.
 */
export const readClusterTrust = (adapters: AdaptersProvider) =>
  defineActivity(A.readClusterTrust, "read cluster trust", async ({ written, ...cluster }) => {
    const state = await (await adapters()).clusters.get(cluster);
    if (!state) throw new PermanentProblem("ClusterNotFound", `cluster ${cluster.clusterName} not found`);
    const provisioningState = state.provisioningState ?? "Unknown";
    const thumbprints = thumbprintsOf(state.clientCertificates.map(trustEntry));
    if (written && provisioningState === "Succeeded" && !showsWritten(thumbprints, written)) {
      const { missing, unwritten } = writeDifference(thumbprints, written);
      const short = (list: string[]) => list.map((t) => t.slice(0, 8)).join(", ") || "none";
      throw new AzureOperationError("transient", "read cluster trust", "WriteNotVisible", undefined,
        `cluster ${cluster.clusterName} reports Succeeded but does not show the client certificates written yet (missing: ${short(missing)}; `
        + `not written: ${short(unwritten)}); a read right after an update can show the previous state for minutes (azure-rest-api-specs #19021)`);
    }
    return { provisioningState, thumbprints };
  });
