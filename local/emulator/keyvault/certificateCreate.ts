// `POST /certificates/{n}/create` (§5.2, §5.3, §5.12): a new version with a fresh (or reused) key. Issuer Self
// completes at once; issuer Unknown waits for a merge of the certificate signed outside the vault.
import type { EmulatorRequest, EmulatorResponse } from "../types.js";
import { buildCsr, buildSelfSigned } from "./certificateBuilder.js";
import { operationWire, inProgress, latestVersion } from "./bundle.js";
import { badParameter, deletedButRecoverable, KeyVaultError } from "./errors.js";
import { generateStoredKey } from "./keyMaterial.js";
import type { CertificateOperationRecord, CertificateRecord, CertificateVersion, StoredKey, Tags, VersionProperties, WirePolicy } from "./model.js";
import { issuerKindOf, keySpecOf, normalizePolicy, type PolicyInput } from "./policy.js";
import { keyFits, versionFromChain } from "./versions.js";
import { apiVersionOf, checkObjectName, newObjectVersion, type Vault } from "./vault.js";

export interface NewVersionRequest {
  policy?: PolicyInput;
  attributes?: { enabled?: boolean };
  tags?: Tags;
}

/** Create and import are refused while the name is soft-deleted (§5.9) or a version is pending (§5.3). */
export function assertNameAvailable(vault: Vault, name: string): CertificateRecord | undefined {
  checkObjectName(name);
  const record = vault.certificates.find(name);
  if (record?.deleted) throw deletedButRecoverable("Certificate", name);
  if (record && inProgress(record)) {
    throw new KeyVaultError(409, "Forbidden", "A new key vault certificate can not be created or imported while a pending key vault certificate's status is inProgress.");
  }
  if (!record && vault.plainSecrets.find(name)) {
    throw new KeyVaultError(409, "Conflict", `Certificate ${name} cannot be created: a secret with the same name exists and is not managed by a certificate.`);
  }
  return record;
}

/** Saves a new version (or pending operation) with the certificate's policy, creating the record on first use. */
export function commitVersion(
  vault: Vault,
  name: string,
  policy: WirePolicy,
  change: { version?: CertificateVersion; operation?: CertificateOperationRecord },
): CertificateRecord {
  const now = vault.nowSeconds();
  const record = assertNameAvailable(vault, name) ?? { name, policy, policyCreated: now, policyUpdated: now, versions: [] };
  if (record.policy !== policy) {
    record.policy = policy;
    record.policyUpdated = now;
  }
  if (change.version) record.versions.push(change.version);
  if (change.operation) record.operation = change.operation;
  vault.certificates.save(record);
  return record;
}

export function versionProperties(vault: Vault, key: StoredKey, policy: WirePolicy, request: NewVersionRequest): VersionProperties {
  const now = vault.nowSeconds();
  return {
    version: newObjectVersion(),
    key,
    exportable: policy.key_props.exportable,
    contentType: policy.secret_props.contentType,
    enabled: request.attributes?.enabled ?? true,
    tags: request.tags ?? {},
    created: now,
    updated: now,
  };
}

async function keyForNewVersion(record: CertificateRecord | undefined, policy: WirePolicy): Promise<StoredKey> {
  const spec = keySpecOf(policy);
  const previous = record && latestVersion(record)?.key;
  return policy.key_props.reuse_key && previous && keyFits(previous, spec) ? previous : generateStoredKey(spec);
}

export async function createCertificate(vault: Vault, req: EmulatorRequest, name: string): Promise<EmulatorResponse> {
  const request = (req.body ?? {}) as NewVersionRequest;
  const existing = assertNameAvailable(vault, name);
  const policy = request.policy ? normalizePolicy(request.policy) : existing?.policy;
  if (!policy) throw badParameter("Property policy has invalid value");
  const issuer = issuerKindOf(policy.issuer.name);
  const key = await keyForNewVersion(existing, policy);
  const props = versionProperties(vault, key, policy, request);
  const operation: CertificateOperationRecord = {
    ...props,
    requestId: newObjectVersion(),
    issuerName: policy.issuer.name,
    status: issuer === "Self" ? "completed" : "inProgress",
    cancellationRequested: false,
    csr: (await buildCsr(policy, key)).toString("base64"),
  };
  const version = issuer === "Self"
    ? versionFromChain(props, [(await buildSelfSigned(policy, key, vault.nowMs())).toString("base64")])
    : undefined;
  // Re-checked inside commitVersion: another create may have finished while the key was being generated.
  const record = commitVersion(vault, name, policy, { operation, ...(version ? { version } : {}) });
  const pendingUrl = `${vault.url("certificates", record.name)}/pending`;
  return {
    status: 202,
    // The SDK polls on its own interval and ignores Retry-After (keyVaultCertificatePoller intervalInMs); 0 keeps other clients fast.
    headers: { Location: `${pendingUrl}?api-version=${apiVersionOf(req)}&request_id=${operation.requestId}`, "Retry-After": "0" },
    body: operationWire(vault, record, operation),
  };
}
