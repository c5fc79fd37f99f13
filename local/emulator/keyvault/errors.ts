// Key Vault error replies: `{"error":{"code","message","innererror"?}}` (azure-rest.md §5.14).
import type { EmulatorResponse, RouteHandler } from "../types.js";

/** Thrown by Key Vault handlers; `guarded` turns it into the service's error shape. */
export class KeyVaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
  ) {
    super(message);
  }

  toResponse(): EmulatorResponse {
    const inner = this.innerCode ? { innererror: { code: this.innerCode } } : {};
    return { status: this.status, body: { error: { code: this.code, message: this.message, ...inner } } };
  }
}

export const badParameter = (message: string) => new KeyVaultError(400, "BadParameter", message);

export const notFound = (code: string, message: string) => new KeyVaultError(404, code, message);

export type ObjectKind = "Certificate" | "Key" | "Secret";

/** 404 `CertificateNotFound` / `KeyNotFound` / `SecretNotFound` with the service's wording. */
export function objectNotFound(kind: ObjectKind, name: string, version?: string): KeyVaultError {
  const noun = kind.toLowerCase();
  return notFound(`${kind}NotFound`,
    `A ${noun} with (name/id) ${name}${version ? `/${version}` : ""} was not found in this key vault. If you recently deleted this ${noun} you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`);
}

export const certificateNotFound = (name: string, version?: string) => objectNotFound("Certificate", name, version);

/** Operations on a disabled object are refused with 403 (e.g. "Operation get is not allowed on a disabled secret."). */
export const disabledObject = (operation: string, kind: ObjectKind) =>
  new KeyVaultError(403, "Forbidden", `Operation ${operation} is not allowed on a disabled ${kind.toLowerCase()}.`);

/** §5.9: a soft-deleted name is locked until it is purged or recovered. */
export const deletedButRecoverable = (kind: "Certificate" | "Secret", name: string) =>
  new KeyVaultError(409, "Conflict",
    `${kind} ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the ${kind.toLowerCase()} can only be recovered or purged.`,
    "ObjectIsDeletedButRecoverable");

/** Wraps a handler so a thrown KeyVaultError becomes its Key Vault-shaped reply; anything else propagates. */
export function guarded(handler: RouteHandler): RouteHandler {
  return async (req, params) => {
    try {
      return await handler(req, params);
    } catch (err) {
      if (err instanceof KeyVaultError) return err.toResponse();
      throw err;
    }
  };
}
