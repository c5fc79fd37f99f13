// `npm run kit -- --cluster RG/NAME [--client NAME] --out DIR [--vault URL] [--local]`: writes a cluster's
// connection kit. The files come from the app's GET …/connection-kit (APP_URL, default http://127.0.0.1:$PORT;
// APP_FUNCTION_KEY, if set, goes in x-functions-key); client.key, which the app never serves, is read from Key Vault
// with the caller's own credential (DefaultAzureCredential: az login, environment, managed identity) and written
// with mode 0600. --local reaches the local emulator instead: its static token and its root CA from
// $STATE_DIR/emulator/ca.pem (STATE_DIR default .local); only a loopback vault is accepted then.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TokenCredential } from "@azure/identity";
import { DefaultAzureCredential } from "@azure/identity";
import { SecretClient, type SecretClientOptions } from "@azure/keyvault-secrets";
import { emulatorCredential } from "../src/adapters/emulatorCredential.js";
import { createSecretReader } from "../src/adapters/keyVaultKeys.js";
import { KIT_FILES } from "../src/domain/connectionKit.js";
import { keyAndChain } from "../src/domain/pem.js";

interface KitResponse {
  client: string;
  certificate: { name: string; version: string; notAfter?: string };
  clientKeySecret: { keyVaultUrl: string; secretName: string; secretVersion: string };
  files: Record<string, string>;
}

interface KitOptions {
  resourceGroup: string;
  clusterName: string;
  /** Unset: the app's default client (`app`). */
  client: string | undefined;
  out: string;
  vault: string | undefined;
  local: boolean;
}

const USAGE = "usage: npm run kit -- --cluster RESOURCE_GROUP/CLUSTER [--client NAME] --out DIR [--vault URL] [--local]";
/** Names the app may send: a kit file is never written outside DIR nor under another name. */
const SERVED_FILES = new Set<string>(Object.values(KIT_FILES).filter((name) => name !== KIT_FILES.clientKey));

function parseOptions(argv: string[]): KitOptions {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: { cluster: { type: "string" }, client: { type: "string" }, out: { type: "string" }, vault: { type: "string" }, local: { type: "boolean", default: false } },
  });
  const [resourceGroup, clusterName, ...rest] = (values.cluster ?? "").split("/");
  if (!resourceGroup || !clusterName || rest.length || !values.out) throw new Error(USAGE);
  return { resourceGroup, clusterName, client: values.client, out: resolve(values.out), vault: values.vault, local: values.local! };
}

async function fetchKit(options: KitOptions, env: NodeJS.ProcessEnv): Promise<KitResponse> {
  const appUrl = (env.APP_URL ?? `http://127.0.0.1:${env.PORT ?? "7071"}`).replace(/\/+$/, "");
  const url = new URL(`${appUrl}/api/clusters/${encodeURIComponent(options.resourceGroup)}/${encodeURIComponent(options.clusterName)}/connection-kit`);
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
  if (!local) return { credential: new DefaultAzureCredential(), options: {} };
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(new URL(vaultUrl).hostname)) throw new Error(`--local only reaches a loopback vault, not ${vaultUrl}`);
  const ca = await readFile(join(env.STATE_DIR ?? ".local", "emulator", "ca.pem"), "utf8");
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
  const identity = keyAndChain(await secrets.getSecretValue(kit.clientKeySecret.secretName, kit.clientKeySecret.secretVersion));
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

async function runKit(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const options = parseOptions(argv);
  const kit = await fetchKit(options, env);
  const keyPem = await readClientKey(kit, options, env);
  const written = await writeKit(options.out, kit.files, keyPem);
  return `Connection kit for ${options.resourceGroup}/${options.clusterName}, client "${kit.client}" (certificate ${kit.certificate.name} `
    + `version ${kit.certificate.version}, valid until ${kit.certificate.notAfter ?? "?"}) in ${options.out}:\n  ${written.join("\n  ")}\n`
    + `Next: ${join(options.out, KIT_FILES.readme)}\n`;
}

runKit(process.argv.slice(2), process.env).then((summary) => process.stdout.write(summary), (error: Error) => {
  process.stderr.write(`kit: ${error.message}\n`);
  process.exitCode = 1;
});
