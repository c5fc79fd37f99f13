// The cluster's clientCertificates list. Every write re-reads the cluster just before it and changes
// only what the rotation owns (architecture.md "One writer per cluster", azure-rest.md §1.4).
import { X509Certificate } from "node:crypto";
import type { ClusterRef } from "../src/adapters/ports.js";
import { pemFromDer } from "../src/domain/pem.js";
import { applyTrustChange, sameTrust, type TrustEntry } from "../src/domain/trustList.js";
import { activity, PermanentProblem, type AdaptersProvider } from "./stepResult.js";

export function trustEntry(pem: string): TrustEntry {
  try {
    return { pem, thumbprint: new X509Certificate(pem).fingerprint.replace(/:/g, "") };
  } catch {
    // Whatever was pasted by hand stays as it is, parsable or not.
    return { pem, thumbprint: undefined };
  }
}


export interface TrustChangeInput {
  cluster: ClusterRef;
  /** Certificate versions (Key Vault) to trust. */
  add: Array<{ name: string; version: string }>;
  /** Thumbprints to stop trusting. */
  remove: string[];
}

export const updateClusterTrust = (adapters: AdaptersProvider) =>
  activity("update cluster trust", async ({ cluster, add, remove }: TrustChangeInput) => {
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
    if (sameTrust(before, after)) return { changed: false, thumbprints: thumbprintsOf(after) };
    await clusters.beginSetClientCertificates(cluster, after.map((e) => e.pem));
    return { changed: true, thumbprints: thumbprintsOf(after) };
  });

export const readClusterTrust = (adapters: AdaptersProvider) =>
  activity("read cluster trust", async (cluster: ClusterRef) => {
    const state = await (await adapters()).clusters.get(cluster);
    if (!state) throw new PermanentProblem("ClusterNotFound", `cluster ${cluster.clusterName} not found`);
    return { provisioningState: state.provisioningState ?? "Unknown", thumbprints: thumbprintsOf(state.clientCertificates.map(trustEntry)) };
  });

function thumbprintsOf(entries: TrustEntry[]): string[] {
  return entries.flatMap((e) => (e.thumbprint ? [e.thumbprint] : []));
}
