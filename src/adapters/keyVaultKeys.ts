// Signing with Key Vault keys (the CA key never leaves the vault) and reading secrets by name.
import type { CryptographyClient, KeyClient } from "@azure/keyvault-keys";
import type { SecretClient } from "@azure/keyvault-secrets";
import { azureCall, azureGet } from "./errors.js";
import type { KeySigner, SecretReader } from "../domain/keyVaultPorts.js";

export function createKeySigner(keys: KeyClient, cryptography: (keyId: string) => CryptographyClient): KeySigner {
  return {
    signDigest: (keyId, algorithm, digest) =>
      azureCall(`sign with key ${keyId}`, async () => (await cryptography(keyId).sign(algorithm, digest)).result),
  };
}

export function createSecretReader(secrets: SecretClient): SecretReader {
  const get = (name: string, version?: string) =>
    azureGet(`get secret ${name}`, () => secrets.getSecret(name, version ? { version } : {}));
  return {
    getSecretValue: async (name, version) => (await get(name, version))?.value,
    exists: async (name) => (await get(name)) !== undefined,
  };
}
