// `npm run kit -- --cluster RG/NAME [--subscription GUID] [--client NAME] [--out DIR] [--vault URL] [--local]` (and
// `cassandra-vpn kit`): writes a cluster's connection kit. The files come from the app's GET …/connection-kit (with
// --subscription the ARM-shaped /api/subscriptions/{s}/resourceGroups/{rg}/clusters/{name}/connection-kit) (APP_URL, default
// http://127.0.0.1:$PORT; APP_FUNCTION_KEY, if set, goes in x-functions-key); client.key, which the app never serves,
// is read from Key Vault with the caller's own credential (DefaultAzureCredential: az login, environment, managed
// identity) and written with mode 0600. The local emulator is reached with its static token and its root CA from
// $STATE_DIR/emulator/ca.pem (STATE_DIR default .local): with --local, or by itself when the kit names a loopback
// vault (a real Key Vault never is one). The default DIR is outside any repository: the kit holds a private key.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/identity";
import { DefaultAzureCredential } from "@azure/identity";
import { SecretClient, type SecretClientOptions } from "@azure/keyvault-secrets";
import { emulatorCredential } from "../../src/adapters/emulatorCredential.js";
import { createSecretReader } from "../../src/adapters/keyVaultKeys.js";
import { KIT_FILES } from "../../src/domain/connectionKit.js";
import { keyAndChain } from "../../src/domain/pem.js";
import { clusterPath } from "../cli/http.js";

interface KitResponse {
  client: string;
  certificate: { name: string; version: string; notAfter?: string };
  clientKeySecret: { keyVaultUrl: string; secretName: string; secretVersion: string };
  files: Record<string, string>;
}

interface KitOptions {
  /** Unset: the short route, in the app's AZURE_SUBSCRIPTION_ID. */
  subscriptionId: string | undefined;
  resourceGroup: string;
  clusterName: string;
  /** Unset: the app's default client (`app`). */
  client: string | undefined;
  out: string;
  vault: string | undefined;
  local: boolean;
}

export const KIT_USAGE = "usage: npm run kit -- --cluster RESOURCE_GROUP/CLUSTER [--subscription GUID] [--client NAME] [--out DIR] [--vault URL] [--local]";

/** A mistake in the arguments: the CLI exits 2 on it. */
export class KitUsageError extends Error {}

/** Where a kit goes without --out: the user's home, never the working tree a `git add .` would pick it up from. */
export const defaultKitDir = (resourceGroup: string, clusterName: string, client: string | undefined) =>
  join(homedir(), "cassandra-vpn-kits", resourceGroup, clusterName, client ?? "app");

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const isLoopback = (url: string) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(new URL(url).hostname);
/** Names the app may send: a kit file is never written outside DIR nor under another name. */
const SERVED_FILES = new Set<string>(Object.values(KIT_FILES).filter((name) => name !== KIT_FILES.clientKey));

function parseOptions(argv: string[]): KitOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true,
      options: { cluster: { type: "string" }, subscription: { type: "string" }, client: { type: "string" }, out: { type: "string" }, vault: { type: "string" }, local: { type: "boolean", default: false } },
    }));
  } catch (error) {
    throw new KitUsageError(`${(error as Error).message.split(".")[0]}. ${KIT_USAGE}`);
  }
  const [resourceGroup, clusterName, ...rest] = (values.cluster ?? "").split("/");
  if (!resourceGroup || !clusterName || rest.length) throw new KitUsageError(`--cluster must be RESOURCE_GROUP/CLUSTER. ${KIT_USAGE}`);
  const out = resolve(values.out ?? defaultKitDir(resourceGroup, clusterName, values.client));
  if (values.subscription !== undefined && !GUID.test(values.subscription)) throw new KitUsageError(`--subscription must be a subscription GUID. ${KIT_USAGE}`);
  return { subscriptionId: values.subscription, resourceGroup, clusterName, client: values.client, out, vault: values.vault, local: values.local! };
}

async function fetchKit(options: KitOptions, env: NodeJS.ProcessEnv): Promise<KitResponse> {
  const appUrl = (env.APP_URL ?? `http://127.0.0.1:${env.PORT ?? "7071"}`).replace(/\/+$/, "");
  const url = new URL(`${appUrl}${clusterPath(`${options.resourceGroup}/${options.clusterName}`, options.subscriptionId)}/connection-kit`);
  if (options.client) url.searchParams.set("client", options.client);
  url.searchParams.set("dir", options.out);
  const res = await fetch(url, { headers: env.APP_FUNCTION_KEY ? { "x-functions-key": env.APP_FUNCTION_KEY } : {} }).catch((error: Error) => {
    throw new Error(`cannot reach the app at ${url.origin} (APP_URL): ${String((error.cause as Error | undefined)?.message ?? error.message)}`);
  });
  const body = (await res.json().catch(() => undefined)) as (KitResponse & { error?: { message?: string } }) | undefined;
  if (!res.ok || !body?.files) throw new Error(`${url.origin}${url.pathname} answered ${res.status}: ${body?.error?.message ?? "no kit"}`);
  return body;
}

async function keyVaultAccess(vaultUrl: string, local: boolean, env: NodeJS.ProcessEnv): Promise<{ credential: TokenCredential; options: SecretClientOptions }> {
  if (!local && !isLoopback(vaultUrl)) return { credential: new DefaultAzureCredential(), options: {} };
  if (!isLoopback(vaultUrl)) throw new Error(`--local only reaches a loopback vault, not ${vaultUrl}`);
  const caPath = join(env.STATE_DIR ?? ".local", "emulator", "ca.pem");
  if (!existsSync(caPath)) throw new Error(`${vaultUrl} is the local emulator, but its root CA is not at ${caPath}: set STATE_DIR to the one npm start uses`);
  const ca = await readFile(caPath, "utf8");
  return {
    credential: emulatorCredential,
    options: { tlsOptions: { ca }, disableChallengeResourceVerification: true },
  };
}

/** The client key of the kit's certificate version, checked against the certificate the app served. */
async function readClientKey(kit: KitResponse, options: KitOptions, env: NodeJS.ProcessEnv): Promise<string> {
  const vaultUrl = options.vault ?? kit.clientKeySecret.keyVaultUrl;
  const access = await keyVaultAccess(vaultUrl, options.local, env);
  const secrets = createSecretReader(new SecretClient(vaultUrl, access.credential, access.options));
  const value = await secrets.getSecretValue(kit.clientKeySecret.secretName, kit.clientKeySecret.secretVersion).catch((error: Error) => {
    // A self-signed chain here means a vault the caller's trust does not cover: on this machine, the emulator.
    if (/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT|unable to verify/i.test(`${error.message} ${String((error as { code?: string }).code)}`)) {
      throw new Error(`${vaultUrl} presents a certificate this machine does not trust: for the local emulator add --local (and STATE_DIR)`);
    }
    throw error;
  });
  const identity = keyAndChain(value);
  if (!identity) throw new Error(`secret ${kit.clientKeySecret.secretName}/${kit.clientKeySecret.secretVersion} in ${vaultUrl} holds no key and certificate`);
  const served = new X509Certificate(kit.files[KIT_FILES.clientCertificate] ?? "");
  if (!served.checkPrivateKey(createPrivateKey(identity.keyPem))) throw new Error(`the key in ${vaultUrl} does not belong to the served ${KIT_FILES.clientCertificate}`);
  return identity.keyPem;
}

async function writeKit(out: string, files: Record<string, string>, keyPem: string): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    if (!SERVED_FILES.has(name)) throw new Error(`the app sent an unexpected file name ${JSON.stringify(name)}`);
    await writeFile(join(out, name), text, { mode: 0o644 });
    written.push(name);
  }
  const keyPath = join(out, KIT_FILES.clientKey);
  await writeFile(keyPath, keyPem, { mode: 0o600 });
  await chmod(keyPath, 0o600); // writeFile's mode applies only to a new file
  return [...written, `${KIT_FILES.clientKey} (0600)`];
}

export async function runKit(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const options = parseOptions(argv);
  const kit = await fetchKit(options, env);
  const keyPem = await readClientKey(kit, options, env);
  const written = await writeKit(options.out, kit.files, keyPem);
  return `Connection kit for ${options.resourceGroup}/${options.clusterName}, client "${kit.client}" (certificate ${kit.certificate.name} `
    + `version ${kit.certificate.version}, valid until ${kit.certificate.notAfter ?? "?"}) in ${options.out}:\n  ${written.join("\n  ")}\n`
    + `Next: ${join(options.out, KIT_FILES.readme)}\n`;
}
