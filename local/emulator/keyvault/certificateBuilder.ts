// What Key Vault builds itself: the PKCS#10 CSR of a new version and, for issuer Self, the certificate.
import "reflect-metadata"; // @peculiar/x509 resolves its algorithms through tsyringe, which needs this first
import * as x509 from "@peculiar/x509";
import { randomBytes, webcrypto } from "node:crypto";
import { badParameter } from "./errors.js";
import { webCryptoKeyPair, x509SigningAlgorithm } from "./keyMaterial.js";
import type { StoredKey, WirePolicy } from "./model.js";

/** Key Vault accepts `cn=MyCert` (§5.3 defaults); @peculiar/x509 only knows upper-case attribute types. */
export function parseSubject(subject: string): x509.Name {
  for (const candidate of [subject, subject.replace(/(^|[,+]\s*)([A-Za-z]+)(\s*=)/g, (_m, sep: string, type: string, eq: string) => sep + type.toUpperCase() + eq)]) {
    try {
      const name = new x509.Name(candidate);
      if (name.toJSON().length > 0) return name;
    } catch {
      // try the next spelling
    }
  }
  throw badParameter(`Property policy.x509_props.subject has invalid value ${subject}`);
}

const SAN_TYPES = { dns_names: "dns", emails: "email", upns: "upn", uris: "url", ipAddresses: "ip" } as const;

/** The extensions Key Vault puts in its CSRs (see the CreateCertificate example's CSR): KU critical, EKU, SAN, BC CA:false. */
function requestedExtensions(props: WirePolicy["x509_props"]): x509.Extension[] {
  const extensions: x509.Extension[] = [];
  const usage = (props.key_usage ?? []).reduce((flags, name) => flags | (x509.KeyUsageFlags[name as keyof typeof x509.KeyUsageFlags] ?? 0), 0);
  if (usage) extensions.push(new x509.KeyUsagesExtension(usage, true));
  if (props.ekus?.length) extensions.push(new x509.ExtendedKeyUsageExtension(props.ekus));
  const names = Object.entries(SAN_TYPES).flatMap(([field, type]) =>
    (props.sans?.[field as keyof typeof SAN_TYPES] ?? []).map((value) => ({ type, value })));
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  extensions.push(new x509.BasicConstraintsExtension(false));
  return extensions;
}

export async function buildCsr(policy: WirePolicy, key: StoredKey): Promise<Buffer> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: parseSubject(policy.x509_props.subject),
    keys: await webCryptoKeyPair(key),
    signingAlgorithm: x509SigningAlgorithm(key),
    extensions: requestedExtensions(policy.x509_props),
  }, webcrypto);
  return Buffer.from(csr.rawData);
}

/** Adds whole calendar months in UTC (a 12-month certificate made on 13 Sep 2021 expires on 13 Sep 2022). */
export function addMonths(ms: number, months: number): Date {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date;
}

/** Real Self certificates start ten minutes before their creation time (§5.4: nbf = created − 600 s). */
const BACKDATE_MS = 10 * 60 * 1000;

export async function buildSelfSigned(policy: WirePolicy, key: StoredKey, nowMs: number): Promise<Buffer> {
  const keys = await webCryptoKeyPair(key);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString("hex"),
    name: parseSubject(policy.x509_props.subject),
    notBefore: new Date(nowMs - BACKDATE_MS),
    notAfter: addMonths(nowMs, policy.x509_props.validity_months),
    keys,
    signingAlgorithm: x509SigningAlgorithm(key),
    extensions: [
      ...requestedExtensions(policy.x509_props),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
    ],
  }, webcrypto);
  return Buffer.from(cert.rawData);
}
