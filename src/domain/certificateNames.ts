// Key Vault names and subjects of a cluster's certificates. Key Vault object names are 1-127 letters, digits and
// hyphens and one vault serves every cluster, so a name must tell clusters apart by their whole ARM id: two clusters
// named alike in other resource groups or subscriptions must never share a CA or a client certificate. A cluster's
// names share a stem: `<cluster name, at most 69>--<16 hex of SHA-256 of the lower-cased cluster id>` (as
// domain/ids.ts keeps instance ids injective), then `-ca` or `-client-<client>`. Clusters whose certificates were
// issued under the stem used before (the bare cluster name) keep it: certificateStemIn decides from the vault.
// Subjects stay readable: they name the cluster, not the digest.
import { createHash } from "node:crypto";
import { certificateTags, clusterIdOf, type ClusterRef } from "./ids.js";
import { ownedBy } from "./ownership.js";

// Key Vault object names: 1-127 letters, digits and hyphens. The longest suffix is `-client-` and a 32-character client (azureNames.ts clientName): 40, so a stem of at most 87
// keeps every name within 127. `--` cannot occur in a cluster name (single hyphens only, managedCassandra.json), so
// no stem of this form is the bare name of any cluster, and no CA name of this form is one of the older form.
const NAME_PART_MAX = 69;
const DIGEST_HEX = 16;

/** The stem of a cluster's certificate names, unique per cluster id (Key Vault names are case-insensitive, ids too). */
export function certificateStem(ref: ClusterRef): string {
  const digest = createHash("sha256").update(clusterIdOf(ref).toLowerCase()).digest("hex").slice(0, DIGEST_HEX);
  return `${ref.clusterName.slice(0, NAME_PART_MAX)}--${digest}`;
}

/** The stem before issue 11: the cluster name alone, shared by same-named clusters. Kept for clusters issued under it. */
export const legacyCertificateStem = (ref: ClusterRef): string => ref.clusterName;

export const caCertificateName = (stem: string) => `${stem}-ca`;
export const clientCertificateName = (stem: string, client: string) => `${stem}-client-${client}`;
export const caSubject = (clusterName: string) => `CN=${clusterName} Cassandra client CA`;
export const clientSubject = (clusterName: string, client: string) => `CN=${client}, OU=${clusterName}`;

/** Which of the certificates under `stem` a Key Vault certificate name is, if any. */
export function parseCertificateName(name: string, stem: string): { kind: "ca" } | { kind: "client"; client: string } | undefined {
  if (name.toLowerCase() === caCertificateName(stem).toLowerCase()) return { kind: "ca" };
  const prefix = `${stem}-client-`.toLowerCase();
  return name.toLowerCase().startsWith(prefix) && name.length > prefix.length ? { kind: "client", client: name.slice(prefix.length) } : undefined;
}

/**
 * The stem a cluster's certificates live under, from the vault's certificate list: the cluster's own stem once any
 * certificate has it; else the older stem (the cluster name) when a certificate under it is tagged with this cluster's
 * id or with no cluster at all (domain/ownership.ts then decides whether the app may write it); else the cluster's own
 * stem. A certificate under the older stem tagged with another cluster's id is that cluster's: never shared.
 */
export function certificateStemIn(certificates: ReadonlyArray<{ name: string; tags: Record<string, string> }>, ref: ClusterRef): string {
  const own = certificateStem(ref);
  if (certificates.some((c) => parseCertificateName(c.name, own))) return own;
  const id = clusterIdOf(ref).toLowerCase();
  const adoptable = certificates.some((c) => parseCertificateName(c.name, legacyCertificateStem(ref))
    && [undefined, id].includes(c.tags[certificateTags.cluster]?.toLowerCase()));
  return adoptable ? legacyCertificateStem(ref) : own;
}

/** The stem a rotation's plan names its certificates with; a plan without one predates issue 11 (the cluster name). */
export const stemOf = (plan: { cluster: ClusterRef; certificateStem?: string }): string => plan.certificateStem ?? legacyCertificateStem(plan.cluster);

/** Issued when a cluster has no client certificate yet and none was named. */
export const DEFAULT_CLIENT = "app";

/** What one listing of the vault says of a cluster's certificates: their stem and the clients tagged as its own. */
export interface ListedCertificates {
  stem: string;
  clients: string[];
}

/** The cluster's part of a vault listing (certificateStemIn, domain/ownership.ts ownedBy). */
export function listedCertificatesOf(certificates: ReadonlyArray<{ name: string; tags: Record<string, string> }>, ref: ClusterRef,
  managedByTag: string): ListedCertificates {
  const stem = certificateStemIn(certificates, ref);
  const clients = certificates.filter((c) => ownedBy(c, ref, managedByTag)).flatMap(({ name }) => {
    const parsed = parseCertificateName(name, stem);
    return parsed?.kind === "client" ? [parsed.client] : [];
  });
  return { stem, clients: [...new Set(clients)].sort() };
}
