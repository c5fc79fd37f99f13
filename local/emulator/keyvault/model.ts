// Stored state of the emulated vault. Everything here is JSON-safe because the StateStore may persist it:
// keys are kept as PKCS#8 DER in base64, certificates as DER in base64, times as Unix seconds.

export type KeyType = "EC" | "RSA";
export type CurveName = "P-256" | "P-384" | "P-521";

export interface StoredKey {
  kty: KeyType;
  crv?: CurveName;
  keySize?: number;
  /** PKCS#8 DER, base64. Never leaves the emulator for a non-exportable key. */
  pkcs8: string;
}

/** The certificate policy exactly as Key Vault stores and returns it (wire field names, §5.3). */
export interface WirePolicy {
  key_props: { exportable: boolean; kty: string; key_size?: number; crv?: string; reuse_key: boolean };
  secret_props: { contentType: string };
  x509_props: {
    subject: string;
    sans?: { emails?: string[]; dns_names?: string[]; upns?: string[]; uris?: string[]; ipAddresses?: string[] };
    ekus?: string[];
    key_usage?: string[];
    validity_months: number;
  };
  lifetime_actions: Array<{ trigger: { lifetime_percentage?: number; days_before_expiry?: number }; action: { action_type: string } }>;
  issuer: { name: string; cty?: string; cert_transparency?: boolean };
}

export type Tags = Record<string, string>;

/** Per-version facts that must not change when the policy changes later (the secret of v1 keeps v1's format). */
export interface VersionProperties {
  version: string;
  key: StoredKey;
  exportable: boolean;
  contentType: string;
  enabled: boolean;
  tags: Tags;
  created: number;
  updated: number;
}

export interface CertificateVersion extends VersionProperties {
  /** Base64 DER, leaf first. */
  x5c: string[];
  nbf: number;
  exp: number;
}

export type OperationStatus = "inProgress" | "completed" | "failed" | "cancelled";

export interface CertificateOperationRecord extends VersionProperties {
  requestId: string;
  issuerName: string;
  status: OperationStatus;
  cancellationRequested: boolean;
  /** Base64 DER PKCS#10. */
  csr: string;
}

export interface DeletionInfo {
  deletedDate: number;
  scheduledPurgeDate: number;
}

export interface CertificateRecord {
  name: string;
  policy: WirePolicy;
  policyCreated: number;
  policyUpdated: number;
  /** Completed versions in creation order; the last one is "latest". */
  versions: CertificateVersion[];
  operation?: CertificateOperationRecord;
  deleted?: DeletionInfo;
}

export interface PlainSecretVersion {
  version: string;
  value: string;
  contentType?: string;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  tags: Tags;
  created: number;
  updated: number;
}

export interface PlainSecretRecord {
  name: string;
  versions: PlainSecretVersion[];
  deleted?: DeletionInfo;
}
