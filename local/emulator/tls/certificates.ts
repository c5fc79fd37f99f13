// The emulator's own PKI: a root CA (kept in the state dir so clients keep trusting it across restarts)
// and a server certificate for `localhost` / 127.0.0.1 (reference §0.2: both SANs are required).
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// Node has no DOM lib types here; x509 takes Node's WebCrypto objects as they are.
x509.cryptoProvider.set(webcrypto);

const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

export interface PemPair {
  certPem: string;
  keyPem: string;
}

export interface ServerIdentity {
  commonName: string;
  dnsNames: string[];
  ipAddresses: string[];
  validDays?: number;
}

export async function createRootCa(commonName = "Cassandra VPN Emulator Root CA"): Promise<PemPair> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${commonName}`,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 3650 * DAY_MS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) };
}

/** A leaf TLS server certificate signed by `ca`; also meant for emulated Cassandra nodes. */
export function issueServerCertificate(ca: PemPair, identity: ServerIdentity): Promise<PemPair> {
  const names = [
    ...identity.dnsNames.map((value) => ({ type: "dns" as const, value })),
    ...identity.ipAddresses.map((value) => ({ type: "ip" as const, value })),
  ];
  return issueLeaf(ca, identity.commonName, identity.validDays ?? 825, x509.ExtendedKeyUsage.serverAuth,
    [new x509.SubjectAlternativeNameExtension(names)]);
}

/** A TLS client certificate signed by `ca` (clientAuth), as tests present to emulated Cassandra nodes. */
export function issueClientCertificate(ca: PemPair, commonName: string, validDays = 365): Promise<PemPair> {
  return issueLeaf(ca, commonName, validDays, x509.ExtendedKeyUsage.clientAuth, []);
}

async function issueLeaf(ca: PemPair, commonName: string, validDays: number, usage: string, extra: x509.Extension[]): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importKeyPem(ca.keyPem);
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${commonName}`,
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + validDays * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([usage]),
      ...extra,
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) };
}

export function isValidFor(certPem: string, marginMs: number, now = Date.now()): boolean {
  const cert = new x509.X509Certificate(certPem);
  return cert.notBefore.getTime() <= now && cert.notAfter.getTime() > now + marginMs;
}

/** A renewed CA invalidates certificates signed by the previous one. */
export async function isIssuedBy(certPem: string, caCertPem: string): Promise<boolean> {
  const ca = new x509.X509Certificate(caCertPem);
  return new x509.X509Certificate(certPem).verify({ publicKey: ca.publicKey, signatureOnly: true });
}

async function exportKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

async function importKeyPem(pem: string): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey("pkcs8", x509.PemConverter.decodeFirst(pem), KEY_ALGORITHM, false, ["sign"]);
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive INTEGER
  return Buffer.from(bytes).toString("hex");
}
