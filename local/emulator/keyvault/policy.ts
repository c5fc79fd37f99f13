// Certificate policies: Key Vault's defaults for omitted fields, the checks the service makes, and the wire form.
import { badParameter } from "./errors.js";
import type { KeySpec } from "./keyMaterial.js";
import type { CertificateRecord, CurveName, WirePolicy } from "./model.js";
import { parseSubject } from "./certificateBuilder.js";

export const PEM_CONTENT_TYPE = "application/x-pem-file";
export const PKCS12_CONTENT_TYPE = "application/x-pkcs12";

/** A policy as a request may carry it: any section or field can be missing. */
export interface PolicyInput {
  key_props?: Partial<WirePolicy["key_props"]>;
  secret_props?: Partial<WirePolicy["secret_props"]>;
  x509_props?: Partial<WirePolicy["x509_props"]>;
  lifetime_actions?: WirePolicy["lifetime_actions"];
  issuer?: Partial<WirePolicy["issuer"]>;
}

const RSA_KEY_SIZES = [2048, 3072, 4096];
const CURVES: CurveName[] = ["P-256", "P-384", "P-521"];
const SERVER_AND_CLIENT_AUTH = ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"];

export type IssuerKind = "Self" | "Unknown";

/** Fills omitted fields with the defaults real Key Vault reported for a subject-only policy (§5.3) and validates. */
export function normalizePolicy(input: PolicyInput): WirePolicy {
  const kty = input.key_props?.kty ?? "RSA";
  const isEc = baseKeyType(kty) === "EC";
  if (!["EC", "EC-HSM", "RSA", "RSA-HSM"].includes(kty)) throw badParameter(`Property policy.key_props.kty has invalid value ${kty}`);
  const crv = isEc ? input.key_props?.crv ?? "P-256" : undefined;
  if (crv && !CURVES.includes(crv as CurveName)) throw badParameter(`Curve ${crv} is not supported by this emulator; use P-256, P-384 or P-521.`);
  const keySize = isEc ? undefined : input.key_props?.key_size ?? 2048;
  if (keySize !== undefined && !RSA_KEY_SIZES.includes(keySize)) throw badParameter(`Property policy.key_props.key_size has invalid value ${keySize}`);
  const contentType = input.secret_props?.contentType ?? PKCS12_CONTENT_TYPE;
  if (contentType !== PEM_CONTENT_TYPE && contentType !== PKCS12_CONTENT_TYPE) {
    throw badParameter(`Property policy.secret_props.contentType has invalid value ${contentType}`);
  }
  const x509 = input.x509_props ?? {};
  if (!x509.subject) throw badParameter("Property policy.x509_props.subject is required.");
  parseSubject(x509.subject);
  const validityMonths = x509.validity_months ?? 12;
  if (validityMonths < 1) throw badParameter(`Property policy.x509_props.validity_months has invalid value ${validityMonths}`);
  const issuerName = input.issuer?.name ?? "Self";
  const issuer = issuerKindOf(issuerName);
  return {
    key_props: {
      exportable: input.key_props?.exportable ?? true,
      kty,
      ...(keySize ? { key_size: keySize } : {}),
      ...(crv ? { crv } : {}),
      reuse_key: input.key_props?.reuse_key ?? false,
    },
    secret_props: { contentType },
    x509_props: {
      subject: x509.subject,
      sans: x509.sans ?? {},
      ekus: x509.ekus ?? SERVER_AND_CLIENT_AUTH,
      key_usage: x509.key_usage ?? (isEc ? ["digitalSignature"] : ["digitalSignature", "keyEncipherment"]),
      validity_months: validityMonths,
    },
    lifetime_actions: input.lifetime_actions ?? [
      { trigger: { lifetime_percentage: 80 }, action: { action_type: issuer === "Self" ? "AutoRenew" : "EmailContacts" } },
    ],
    issuer: { ...input.issuer, name: issuerName },
  };
}

/** `PATCH …/policy` sets the members it carries and leaves the others (UpdateCertificatePolicy). */
export function mergePolicy(current: WirePolicy, update: PolicyInput): WirePolicy {
  return normalizePolicy({
    key_props: { ...current.key_props, ...update.key_props },
    secret_props: { ...current.secret_props, ...update.secret_props },
    x509_props: { ...current.x509_props, ...update.x509_props },
    lifetime_actions: update.lifetime_actions ?? current.lifetime_actions,
    issuer: { ...current.issuer, ...update.issuer },
  });
}

/** Only the two reserved issuers exist in the emulator (issuer objects are not emulated). */
export function issuerKindOf(name: string): IssuerKind {
  if (/^self$/i.test(name)) return "Self";
  if (/^unknown$/i.test(name)) return "Unknown";
  throw badParameter(`Issuer ${name} is not supported by the emulator: use Self or Unknown.`);
}

const baseKeyType = (kty: string): "EC" | "RSA" => (kty.startsWith("EC") ? "EC" : "RSA");

export function keySpecOf(policy: WirePolicy): KeySpec {
  const kty = baseKeyType(policy.key_props.kty);
  return kty === "EC" ? { kty, crv: policy.key_props.crv as CurveName } : { kty, keySize: policy.key_props.key_size };
}

/** The policy as `GET …/policy` and the latest bundle return it: with its `id` and `attributes` (§5.5). */
export function policyWire(record: CertificateRecord, certificateUrl: string): Record<string, unknown> {
  return {
    id: `${certificateUrl}/policy`,
    ...record.policy,
    attributes: { enabled: true, created: record.policyCreated, updated: record.policyUpdated },
  };
}
