// Key Vault names and subjects of a cluster's certificates. Key Vault names allow letters, digits and
// hyphens (≤127); cluster and client names are already restricted to those.

/** Key Vault object names: 1-127 letters, digits and hyphens. */
export const KEY_VAULT_NAME_MAX = 127;
export const fitsKeyVault = (name: string) => name.length <= KEY_VAULT_NAME_MAX;

export const caCertificateName = (clusterName: string) => `${clusterName}-ca`;
export const clientCertificateName = (clusterName: string, client: string) => `${clusterName}-client-${client}`;
export const caSubject = (clusterName: string) => `CN=${clusterName} Cassandra client CA`;
export const clientSubject = (clusterName: string, client: string) => `CN=${client}, OU=${clusterName}`;

/** Which of a cluster's certificates a Key Vault certificate name is, if any. */
export function parseCertificateName(name: string, clusterName: string): { kind: "ca" } | { kind: "client"; client: string } | undefined {
  if (name.toLowerCase() === caCertificateName(clusterName).toLowerCase()) return { kind: "ca" };
  const prefix = `${clusterName}-client-`.toLowerCase();
  return name.toLowerCase().startsWith(prefix) && name.length > prefix.length ? { kind: "client", client: name.slice(prefix.length) } : undefined;
}

/** Issued when a cluster has no client certificate yet and none was named. */
export const DEFAULT_CLIENT = "app";
