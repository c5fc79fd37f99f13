// The vault's identity and state: object URLs on `ctx.baseUrl`, the clock, and the two stored collections.
import { randomBytes } from "node:crypto";
import type { EmulatorContext, EmulatorRequest } from "../types.js";
import { badParameter, objectNotFound, type ObjectKind } from "./errors.js";
import type { CertificateRecord, PlainSecretRecord } from "./model.js";
import { NamedRecords } from "./namedRecords.js";

/** What a vault with soft-delete (the default since 2020) reports on every object. */
export const RECOVERY_LEVEL = "Recoverable+Purgeable";
export const DEFAULT_API_VERSION = "2025-07-01";

export type ObjectCollection = "certificates" | "keys" | "secrets" | "deletedcertificates" | "deletedsecrets";

/** Key Vault versions are 32 lowercase hex characters (§5.4). */
export const newObjectVersion = (): string => randomBytes(16).toString("hex");

/** Object names are 1-127 characters of letters, digits and dashes. */
export function checkObjectName(name: string): void {
  if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
    throw badParameter(`The request URI contains an invalid name: ${name}`);
  }
}

/** The query arrives as `api%2Dversion`; URLSearchParams decodes it (§0.2). */
export const apiVersionOf = (req: EmulatorRequest): string =>
  req.url.searchParams.get("api-version") ?? DEFAULT_API_VERSION;

export class Vault {
  /** Certificates, each with its versions' keys and secrets (a certificate's key and secret share its name and fate). */
  readonly certificates: NamedRecords<CertificateRecord>;
  /** Secrets set directly with `PUT /secrets/{n}`. */
  readonly plainSecrets: NamedRecords<PlainSecretRecord>;

  constructor(private readonly ctx: EmulatorContext) {
    const nowSeconds = () => this.nowSeconds();
    this.certificates = new NamedRecords("Certificate", () => ctx.store.collection<CertificateRecord>("keyvault.certificates"), nowSeconds);
    this.plainSecrets = new NamedRecords("Secret", () => ctx.store.collection<PlainSecretRecord>("keyvault.secrets"), nowSeconds);
  }

  get baseUrl(): string {
    return this.ctx.baseUrl.replace(/\/+$/, "");
  }

  /** Key Vault puts Unix seconds on the wire (§5.4). */
  nowSeconds(): number {
    return Math.floor(this.ctx.now() / 1000);
  }

  nowMs(): number {
    return this.ctx.now();
  }

  url(collection: ObjectCollection, name: string, version?: string): string {
    return `${this.baseUrl}/${collection}/${name}${version ? `/${version}` : ""}`;
  }

  /** The live (not soft-deleted) certificate, or 404 `{kind}NotFound` (its key and secret use this too). */
  liveCertificate(name: string, kind: ObjectKind = "Certificate"): CertificateRecord {
    const record = this.certificates.find(name);
    if (!record || record.deleted) throw objectNotFound(kind, name);
    return record;
  }
}
