// Key Vault data plane of the emulator: certificates, their keys and secrets, and plain secrets (§5).
// The server core has already answered the bearer challenge, validated bodies against the spec and removed
// one trailing slash from the path. Literal segments (`pending`, `policy`, `versions`) beat `{version}` in the
// router; an empty `{version}` (`/certificates/c1/` left unstripped) means the latest version.
import type { EmulatorContext, HttpMethod, Route, RouteHandler } from "../types.js";
import { createCertificate } from "./certificateCreate.js";
import { importCertificate } from "./certificateImport.js";
import { getLatest, getPolicy, getVersion, listCertificates, listVersions, updateCertificate, updatePolicy } from "./certificates.js";
import { deleteCertificate, getDeleted, listDeleted, purgeDeleted, recoverDeleted } from "./deletedCertificates.js";
import { guarded } from "./errors.js";
import { getKey, listKeyVersions, sign } from "./keys.js";
import { deleteOperation, getOperation, mergeCertificate, updateOperation } from "./pendingOperations.js";
import { deleteSecret, getDeletedSecret, getSecret, listSecretVersions, purgeDeletedSecret, recoverDeletedSecret, setSecret } from "./secrets.js";
import { Vault } from "./vault.js";

export function keyVaultRoutes(ctx: EmulatorContext): Route[] {
  const vault = new Vault(ctx);
  const route = (method: HttpMethod, path: string, handler: RouteHandler): Route => ({ method, path, handler: guarded(handler) });
  return [
    route("GET", "/certificates", (req) => listCertificates(vault, req)),
    route("POST", "/certificates/{name}/create", (req, p) => createCertificate(vault, req, need(p.name))),
    route("POST", "/certificates/{name}/import", (req, p) => importCertificate(vault, req, need(p.name))),
    route("POST", "/certificates/{name}/pending/merge", (req, p) => mergeCertificate(vault, req, need(p.name))),
    route("GET", "/certificates/{name}/pending", (_req, p) => getOperation(vault, need(p.name))),
    route("PATCH", "/certificates/{name}/pending", (req, p) => updateOperation(vault, req, need(p.name))),
    route("DELETE", "/certificates/{name}/pending", (_req, p) => deleteOperation(vault, need(p.name))),
    route("GET", "/certificates/{name}/policy", (_req, p) => getPolicy(vault, need(p.name))),
    route("PATCH", "/certificates/{name}/policy", (req, p) => updatePolicy(vault, req, need(p.name))),
    route("GET", "/certificates/{name}/versions", (req, p) => listVersions(vault, req, need(p.name))),
    route("GET", "/certificates/{name}", (_req, p) => getLatest(vault, need(p.name))),
    route("GET", "/certificates/{name}/{version}", (_req, p) => (p.version ? getVersion(vault, need(p.name), p.version) : getLatest(vault, need(p.name)))),
    route("PATCH", "/certificates/{name}", (req, p) => updateCertificate(vault, req, need(p.name))),
    route("PATCH", "/certificates/{name}/{version}", (req, p) => updateCertificate(vault, req, need(p.name), p.version || undefined)),
    route("DELETE", "/certificates/{name}", (_req, p) => deleteCertificate(vault, need(p.name))),
    route("GET", "/deletedcertificates", (req) => listDeleted(vault, req)),
    route("GET", "/deletedcertificates/{name}", (_req, p) => getDeleted(vault, need(p.name))),
    route("DELETE", "/deletedcertificates/{name}", (_req, p) => purgeDeleted(vault, need(p.name))),
    route("POST", "/deletedcertificates/{name}/recover", (_req, p) => recoverDeleted(vault, need(p.name))),
    route("GET", "/keys/{name}/versions", (req, p) => listKeyVersions(vault, req, need(p.name))),
    route("GET", "/keys/{name}", (_req, p) => getKey(vault, need(p.name))),
    route("GET", "/keys/{name}/{version}", (_req, p) => getKey(vault, need(p.name), p.version || undefined)),
    route("POST", "/keys/{name}/{version}/sign", (req, p) => sign(vault, req, need(p.name), need(p.version))),
    route("PUT", "/secrets/{name}", (req, p) => setSecret(vault, req, need(p.name))),
    route("GET", "/secrets/{name}/versions", (req, p) => listSecretVersions(vault, req, need(p.name))),
    route("GET", "/secrets/{name}", (_req, p) => getSecret(vault, need(p.name))),
    route("GET", "/secrets/{name}/{version}", (_req, p) => getSecret(vault, need(p.name), p.version || undefined)),
    route("DELETE", "/secrets/{name}", (_req, p) => deleteSecret(vault, need(p.name))),
    route("GET", "/deletedsecrets/{name}", (_req, p) => getDeletedSecret(vault, need(p.name))),
    route("DELETE", "/deletedsecrets/{name}", (_req, p) => purgeDeletedSecret(vault, need(p.name))),
    route("POST", "/deletedsecrets/{name}/recover", (_req, p) => recoverDeletedSecret(vault, need(p.name))),
  ];
}

/** Route templates guarantee their parameters; this only satisfies `noUncheckedIndexedAccess`. */
function need(value: string | undefined): string {
  if (value === undefined) throw new Error("route parameter missing");
  return value;
}
