// The oracle for "a server that trusts only this CA accepts this client certificate", for keyvault.test.ts: a loopback
// TLS server with a throwaway identity that requires a client certificate and reports whether it authorized it.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import type { AddressInfo } from "node:net";
import { connect, createServer, type TLSSocket } from "node:tls";

async function throwawayServerIdentity(): Promise<{ key: string; cert: string }> {
  const pair = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({ name: "CN=localhost", keys: pair, signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } }, webcrypto);
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", pair.privateKey)).toString("base64");
  return { key: `-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----\n`, cert: cert.toString("pem") };
}

/** Whether a loopback TLS server that trusts only `caPem` and requires a client certificate authorizes `clientPem`. */
export async function mutualTlsAuthorizes(options: { clientPem: string; caPem: string }): Promise<boolean> {
  const identity = await throwawayServerIdentity();
  const server = createServer({ ...identity, ca: options.caPem, requestCert: true, rejectUnauthorized: false });
  const authorized = new Promise<boolean>((resolve) => server.once("secureConnection", (socket: TLSSocket) => {
    resolve(socket.authorized);
    socket.end();
  }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = connect({ host: "127.0.0.1", port, key: options.clientPem, cert: options.clientPem, rejectUnauthorized: false });
  client.on("error", () => {});
  try {
    return await authorized;
  } finally {
    client.destroy();
    server.close();
  }
}
