// Soft delete, recover and purge (§5.9). The key and secret of a certificate share its fate.
import type { EmulatorRequest, EmulatorResponse } from "../types.js";
import { certificateItem, deletedBundle, latestBundle, latestVersion } from "./bundle.js";
import { pageOf } from "./paging.js";
import type { Vault } from "./vault.js";

export function deleteCertificate(vault: Vault, name: string): EmulatorResponse {
  const record = vault.liveCertificate(name);
  vault.certificates.softDelete(record);
  return { status: 200, body: deletedBundle(vault, record) };
}

export function getDeleted(vault: Vault, name: string): EmulatorResponse {
  return { status: 200, body: deletedBundle(vault, vault.certificates.deleted(name)) };
}

export function purgeDeleted(vault: Vault, name: string): EmulatorResponse {
  vault.certificates.purge(name);
  return { status: 204 };
}

export function recoverDeleted(vault: Vault, name: string): EmulatorResponse {
  return { status: 200, body: latestBundle(vault, vault.certificates.recover(name)) };
}

export function listDeleted(vault: Vault, req: EmulatorRequest): EmulatorResponse {
  const items = vault.certificates.all().flatMap((record) => {
    const latest = latestVersion(record);
    if (!record.deleted || !latest) return [];
    return [{
      recoveryId: vault.url("deletedcertificates", record.name),
      deletedDate: record.deleted.deletedDate,
      scheduledPurgeDate: record.deleted.scheduledPurgeDate,
      ...certificateItem(vault, record, latest, false),
    }];
  });
  return { status: 200, body: pageOf(vault, req, items) };
}
