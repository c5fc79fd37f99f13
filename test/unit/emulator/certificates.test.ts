import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { createRootCa, isIssuedBy, issueServerCertificate } from "../../../local/emulator/tls/certificates.js";

describe("emulator PKI", () => {
  it("makes a CA certificate and a localhost/127.0.0.1 server certificate it signed", async () => {
    const ca = await createRootCa();
    const server = await issueServerCertificate(ca, { commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"] });
    const caCert = new x509.X509Certificate(ca.certPem);
    expect(caCert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    const serverCert = new x509.X509Certificate(server.certPem);
    expect(serverCert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    const names = serverCert.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON();
    expect(names).toEqual([{ type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }]);
    expect(await isIssuedBy(server.certPem, ca.certPem)).toBe(true);
    expect(await isIssuedBy(server.certPem, (await createRootCa()).certPem)).toBe(false);
  });
});
