// The cluster's clientCertificates entries with their thumbprints (the form Key Vault and the portal show).
import { X509Certificate } from "node:crypto";
import type { TrustEntry } from "../domain/trustList.js";

export function trustEntry(pem: string): TrustEntry {
  try {
    return { pem, thumbprint: new X509Certificate(pem).fingerprint.replace(/:/g, "") };
  } catch {
    // Whatever was pasted by hand stays as it is, parsable or not.
    return { pem, thumbprint: undefined };
  }
}
