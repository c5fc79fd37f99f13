// Loads the CA and server certificate from the state dir, creating (or renewing) what is missing.
import fs from "node:fs";
import path from "node:path";
import { createRootCa, isIssuedBy, isValidFor, issueServerCertificate, type PemPair } from "./certificates.js";

export interface ServerTls {
  ca: PemPair;
  server: PemPair;
  caCertPath: string;
}

const FILES = { caCert: "ca.pem", caKey: "ca.key.pem", serverCert: "server.pem", serverKey: "server.key.pem" };
const RENEW_MARGIN_MS = 7 * 86_400_000;

export async function loadOrCreateServerTls(dir: string): Promise<ServerTls> {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const ca = await loadOrCreateCa(file(FILES.caCert), file(FILES.caKey));
  let server = readPair(file(FILES.serverCert), file(FILES.serverKey));
  if (!server || !isValidFor(server.certPem, RENEW_MARGIN_MS) || !(await isIssuedBy(server.certPem, ca.certPem))) {
    server = await issueServerCertificate(ca, { commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"] });
    writePair(server, file(FILES.serverCert), file(FILES.serverKey));
  }
  return { ca, server, caCertPath: file(FILES.caCert) };
}

/** A root CA kept in two files so clients keep trusting it across restarts; renewed shortly before it expires. */
export async function loadOrCreateCa(certFile: string, keyFile: string, commonName?: string): Promise<PemPair> {
  let ca = readPair(certFile, keyFile);
  if (!ca || !isValidFor(ca.certPem, RENEW_MARGIN_MS)) {
    ca = await createRootCa(commonName);
    writePair(ca, certFile, keyFile);
  }
  return ca;
}

function readPair(certFile: string, keyFile: string): PemPair | undefined {
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) return undefined;
  return { certPem: fs.readFileSync(certFile, "utf8"), keyPem: fs.readFileSync(keyFile, "utf8") };
}

function writePair(pair: PemPair, certFile: string, keyFile: string): void {
  fs.writeFileSync(certFile, pair.certPem);
  fs.writeFileSync(keyFile, pair.keyPem, { mode: 0o600 });
}
