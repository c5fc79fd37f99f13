// Key Vault ports. The app never holds a private key: certificates are created with issuer
// `Unknown` (Key Vault generates the key and a CSR), signed through a CA key's `sign` operation and
// merged back (azure-rest.md §5.12, architecture.md "Certificates and Key Vault"). A CA's own first
// version is issuer `Self`: the key of a version awaiting merge cannot sign yet, so the CA
// certificate (CA:TRUE) is a second version that reuses the key and is signed with the first one's.

export type KeyAlgorithm = { kty: "EC"; curve: "P-256" } | { kty: "RSA"; size: 2048 | 3072 };

export interface NewCertificatePolicy {
  issuer: "Self" | "Unknown";
  subject: string;
  key: KeyAlgorithm;
  /** false for CAs: the CA key never leaves Key Vault. */
  exportable: boolean;
  /** New version keeps the previous version's key (the CA's self-signed bootstrap, §5.12). */
  reuseKey?: boolean;
  validityMonths: number;
  keyUsage: string[];
  extendedKeyUsage: string[];
  dnsNames?: string[];
}

export interface PendingCertificate {
  name: string;
  /** DER of the PKCS#10 request Key Vault generated, base64 (empty for issuer Self). */
  csrBase64: string;
  /** inProgress, completed, failed or cancelled. */
  status: string;
}

export interface CertificateVersion {
  name: string;
  version: string;
  /** SHA-1 thumbprint, upper-case hex (the form `openssl x509 -fingerprint` and Azure portal show). */
  thumbprint: string;
  notBefore: string | undefined;
  notAfter: string | undefined;
  enabled: boolean;
  tags: Record<string, string>;
  /** `https://{vault}/keys/{name}/{version}`: the key to sign with (CryptographyClient). */
  keyId: string | undefined;
  /** DER certificate, base64; absent in version listings. */
  certificateBase64?: string;
}

export interface CertificateStore {
  /** Starts a new version; answers the operation (with its CSR for issuer Unknown). */
  beginCreate(name: string, policy: NewCertificatePolicy, tags: Record<string, string>): Promise<PendingCertificate>;
  getPending(name: string): Promise<PendingCertificate | undefined>;
  /** Completes the pending version with the signed chain (leaf first), base64 DER each. */
  mergePending(name: string, chainBase64: string[]): Promise<CertificateVersion>;
  cancelPending(name: string): Promise<void>;
  getLatest(name: string): Promise<CertificateVersion | undefined>;
  getVersion(name: string, version: string): Promise<CertificateVersion | undefined>;
  listVersions(name: string): Promise<CertificateVersion[]>;
  /** Replaces the version's tags (Key Vault replaces the whole map, §5.7). */
  setTags(name: string, version: string, tags: Record<string, string>): Promise<CertificateVersion>;
  beginDelete(name: string): Promise<void>;
  /** Every certificate's name with the tags of its latest version. */
  listCertificateTags(): Promise<Array<{ name: string; tags: Record<string, string> }>>;
}

export type SignatureAlgorithm = "ES256" | "RS256" | "PS256";

export interface KeySigner {
  /** Signs a digest with a Key Vault key. EC signatures come back raw R||S (JWA), §5.13. */
  signDigest(keyId: string, algorithm: SignatureAlgorithm, digest: Uint8Array): Promise<Uint8Array>;
}

export interface SecretReader {
  /** The secret's value, or undefined when there is no such secret. Never log the result. */
  getSecretValue(name: string, version?: string): Promise<string | undefined>;
  exists(name: string): Promise<boolean>;
}
