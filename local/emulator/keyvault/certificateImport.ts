// `POST /certificates/{n}/import` for PEM (§5.6): the value is ASCII PEM (private key + chain) and the policy
// must say `application/x-pem-file`. Without that content type the service reads the value as a base64 PFX, so
// a PEM value fails with 400 BadParameter, which is how the SDK bug of §5.6 shows up (§9 item 4).
import { createPrivateKey, type KeyObject } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../types.js";
import { latestBundle } from "./bundle.js";
import { assertNameAvailable, commitVersion, versionProperties, type NewVersionRequest } from "./certificateCreate.js";
import { badParameter } from "./errors.js";
import { storedKeyOf } from "./keyMaterial.js";
import { normalizePolicy, PEM_CONTENT_TYPE } from "./policy.js";
import { orderChain, versionWithChain } from "./versions.js";
import type { Vault } from "./vault.js";

interface ImportRequest extends NewVersionRequest {
  value: string;
  pwd?: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;
const AVERAGE_MONTH_SECONDS = 30.4375 * 24 * 3600;

function privateKeyFrom(blocks: string[], password?: string): KeyObject {
  const [keyPem] = blocks.filter((block) => /^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(block));
  if (!keyPem) throw badParameter("The PEM value has no private key; a certificate can only be imported with its private key.");
  try {
    return createPrivateKey({ key: keyPem, ...(password ? { passphrase: password } : {}) });
  } catch {
    throw badParameter("The private key in the PEM value cannot be read (wrong password, or unsupported format).");
  }
}

export function importCertificate(vault: Vault, req: EmulatorRequest, name: string): EmulatorResponse {
  const request = req.body as ImportRequest;
  assertNameAvailable(vault, name);
  if (request.policy?.secret_props?.contentType !== PEM_CONTENT_TYPE) {
    throw badParameter(request.value.includes("-----BEGIN")
      ? "Property value is not a valid base64-encoded PKCS#12 (PFX) blob. To import PEM, set policy.secret_props.contentType to application/x-pem-file."
      : "PFX import is not supported by the emulator; import PEM with policy.secret_props.contentType application/x-pem-file.");
  }
  const blocks = request.value.match(PEM_BLOCK) ?? [];
  const key = storedKeyOf(privateKeyFrom(blocks, request.pwd));
  const chain = blocks.filter((b) => b.startsWith("-----BEGIN CERTIFICATE-----")).map((b) => b.replace(/-----[A-Z ]+-----|\s/g, ""));
  // The policy describes the imported certificate (ImportCertificate example): issuer Unknown, subject and validity from the leaf.
  const ordered = orderChain(chain, key);
  const policy = normalizePolicy({
    key_props: { exportable: request.policy.key_props?.exportable ?? true, kty: key.kty, ...(key.crv ? { crv: key.crv } : { key_size: key.keySize }), reuse_key: false },
    secret_props: { contentType: PEM_CONTENT_TYPE },
    x509_props: { subject: ordered.subject, ekus: [], key_usage: [], validity_months: Math.ceil((ordered.exp - ordered.nbf) / AVERAGE_MONTH_SECONDS) },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: "EmailContacts" } }],
    issuer: { name: "Unknown" },
  });
  const version = versionWithChain(versionProperties(vault, key, policy, request), ordered);
  const record = commitVersion(vault, name, policy, { version });
  return { status: 200, body: latestBundle(vault, record) };
}
