// PEM texts as Key Vault keeps a certificate's secret (`application/x-pem-file`: the PKCS#8 key, then the
// chain, leaf first; azure-rest.md §5.12) and as TLS stacks and openssl read them.

const PEM_BLOCKS = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

export interface PemBlock {
  /** e.g. "CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY". */
  type: string;
  text: string;
}

export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCKS)].map((m) => ({ type: m[1]!, text: m[0] }));
}

/** The key and the certificate chain (leaf first) of a PEM secret; undefined when either is missing. */
export function keyAndChain(secret: string | undefined): { keyPem: string; chainPems: string[] } | undefined {
  const blocks = pemBlocks(secret ?? "");
  const key = blocks.find((b) => b.type.endsWith("PRIVATE KEY"));
  const chainPems = blocks.filter((b) => b.type === "CERTIFICATE").map((b) => b.text);
  return key && chainPems.length ? { keyPem: key.text, chainPems } : undefined;
}

/** The PEM text of a DER certificate given in base64 (64 characters a line, no trailing newline). */
export function pemFromDer(base64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----`;
}

/** PEM texts joined one per line block, each ending in a newline (what openssl and the drivers expect). */
export const joinPems = (pems: string[]): string => pems.map((p) => `${p.trim()}\n`).join("");
