// `/certificates/{n}/pending` and `/pending/merge` (§5.2, §5.12).
import type { EmulatorRequest, EmulatorResponse } from "../types.js";
import { inProgress, latestBundle, operationWire } from "./bundle.js";
import { badParameter, notFound } from "./errors.js";
import type { CertificateOperationRecord, CertificateRecord, Tags } from "./model.js";
import { versionFromChain } from "./versions.js";
import type { Vault } from "./vault.js";

const pendingNotFound = (name: string) => notFound("PendingCertificateNotFound", `Pending certificate not found: ${name}`);

function operationOf(vault: Vault, name: string): { record: CertificateRecord; operation: CertificateOperationRecord } {
  const record = vault.liveCertificate(name);
  if (!record.operation) throw pendingNotFound(name);
  return { record, operation: record.operation };
}

export function getOperation(vault: Vault, name: string): EmulatorResponse {
  const { record, operation } = operationOf(vault, name);
  return { status: 200, body: operationWire(vault, record, operation) };
}

/** `{"cancellation_requested":true}` cancels an operation in progress; anything else is 400 (§5.2). */
export function updateOperation(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  const { record, operation } = operationOf(vault, name);
  const { cancellation_requested: cancel } = (req.body ?? {}) as { cancellation_requested?: boolean };
  if (cancel) {
    if (operation.status !== "inProgress") throw badParameter(`The certificate operation for ${name} cannot be cancelled: its status is ${operation.status}.`);
    operation.cancellationRequested = true;
    operation.status = "cancelled";
    operation.updated = vault.nowSeconds();
    vault.certificates.save(record);
  }
  return { status: 200, body: operationWire(vault, record, operation) };
}

/** Deleting the operation of a never-completed certificate leaves nothing behind. */
export function deleteOperation(vault: Vault, name: string): EmulatorResponse {
  const { record, operation } = operationOf(vault, name);
  delete record.operation;
  if (record.versions.length === 0) vault.certificates.remove(name);
  else vault.certificates.save(record);
  return { status: 200, body: operationWire(vault, record, operation) };
}

/** Completes an issuer-Unknown version with the certificate signed outside; its key must be the pending key. */
export function mergeCertificate(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  const record = vault.liveCertificate(name);
  const operation = inProgress(record);
  if (!operation) throw pendingNotFound(name);
  const body = (req.body ?? {}) as { x5c?: string[]; attributes?: { enabled?: boolean }; tags?: Tags };
  if (!body.x5c?.length) throw badParameter("Property x5c has invalid value");
  const now = vault.nowSeconds();
  const version = versionFromChain({
    ...operation,
    enabled: body.attributes?.enabled ?? operation.enabled,
    tags: body.tags ?? operation.tags,
    updated: now,
  }, body.x5c);
  record.versions.push(version);
  operation.status = "completed";
  operation.updated = now;
  vault.certificates.save(record);
  return {
    status: 201,
    headers: { Location: vault.url("certificates", record.name, version.version) },
    body: latestBundle(vault, record),
  };
}
