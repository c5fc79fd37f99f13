// `npm run kit` against the whole app on the local world, then the kit used the way a user would: openssl checks
// the client chain against the CA the cluster trusts and completes an mTLS handshake with every node under its
// certificate name; the kit's Node snippet, run as written with the real cassandra-driver, connects with mTLS and
// the password and reads release_version, and is refused once its client certificate is taken out.
import { spawnSync } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyAndChain } from "../../../src/domain/pem.js";
import { type LocalWorld } from "../../support/localWorld.js";
import { trustEntries } from "../../support/rotationScenario.js";
import { LOCAL_ADMIN_PASSWORD } from "../../support/testIds.js";
import { appAdapters, CLUSTER, CLUSTER_PATH, runProcess, startCertifiedWorld, type ProcessResult } from "./support.js";

let world: LocalWorld;
let scratch: string;
let kitDir: string;
let cli: ProcessResult;
const kitFile = (name: string) => readFileSync(join(kitDir, name), "utf8");

beforeAll(async () => {
  const openssl = spawnSync("openssl", ["version"], { encoding: "utf8" });
  if (openssl.error || openssl.status !== 0) throw new Error("these tests run the openssl command line tool, which is not on PATH (apt-get install openssl)");
  world = await startCertifiedWorld();
  scratch = mkdtempSync(join(tmpdir(), "connection-kit-"));
  kitDir = join(scratch, "kit");
  cli = await runProcess(process.execPath, ["--import", "tsx", "tools/kit.ts", "--cluster", `${CLUSTER.resourceGroup}/${CLUSTER.clusterName}`,
    "--client", "app", "--out", kitDir, "--local"], { env: { ...process.env, APP_URL: world.origin(), STATE_DIR: world.stateDir } });
  if (cli.code !== 0) throw new Error(`npm run kit failed (${cli.code}): ${cli.stderr}`);
  // What `npm install cassandra-driver` next to the kit gives a user: the snippet resolves the package from here.
  symlinkSync(resolve("node_modules"), join(kitDir, "node_modules"), "dir");
});
afterAll(async () => {
  await world?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const openssl = (args: string[]) => runProcess("openssl", args, { cwd: kitDir });
const nodeSnippet = (file: string, password = LOCAL_ADMIN_PASSWORD) =>
  runProcess(process.execPath, [file], { cwd: kitDir, env: { ...process.env, CASSANDRA_PASSWORD: password } });

describe("npm run kit", () => {
  it("writes the files the app serves plus client.key (0600) from Key Vault, matching client.crt", async () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("client.key (0600)");
    expect(cli.stdout + cli.stderr).not.toMatch(/PRIVATE KEY/);
    const served = await world.api("GET", `${CLUSTER_PATH}/connection-kit?client=app&dir=${encodeURIComponent(kitDir)}`);
    for (const [name, text] of Object.entries(served.body.files as Record<string, string>)) expect(kitFile(name), name).toBe(text);

    expect(statSync(join(kitDir, "client.key")).mode & 0o777).toBe(0o600);
    const secret = await appAdapters().secrets.getSecretValue(served.body.clientKeySecret.secretName, served.body.clientKeySecret.secretVersion);
    expect(kitFile("client.key")).toBe(keyAndChain(secret)!.keyPem);
    expect(new X509Certificate(kitFile("client.crt")).checkPrivateKey(createPrivateKey(kitFile("client.key")))).toBe(true);
  });
});

describe("the kit's files with openssl", () => {
  it("client.crt verifies against the CA the cluster trusts, and against client-ca.pem", async () => {
    writeFileSync(join(scratch, "cluster-trust.pem"), trustEntries(world, CLUSTER.clusterName).join("\n"));
    expect(await openssl(["verify", "-CAfile", join(scratch, "cluster-trust.pem"), "client.crt"])).toMatchObject({ code: 0, stdout: "client.crt: OK\n" });
    expect(await openssl(["verify", "-CAfile", "client-ca.pem", "client.crt"])).toMatchObject({ code: 0, stdout: "client.crt: OK\n" });
  });

  it("completes an mTLS handshake with every node, verifying its name from the hosts lines against ca-bundle.pem", async () => {
    const port = String(world.emulator.cqlPort);
    const hosts = kitFile("hosts").split("\n").filter((line) => line && !line.startsWith("#")).map((line) => line.split(" ") as [string, string]);
    expect(hosts).toHaveLength(3);
    for (const [ip, name] of hosts) {
      const handshake = await openssl(["s_client", "-connect", `${ip}:${port}`, "-servername", name, "-verify_hostname", name, "-verify_return_error",
        "-CAfile", "ca-bundle.pem", "-cert", "client.crt", "-key", "client.key"]);
      expect(handshake.code, handshake.stderr).toBe(0);
      expect(handshake.stdout).toContain("Verify return code: 0 (ok)");
    }
    const [ip, name] = hosts[0]!;
    const wrongName = await openssl(["s_client", "-connect", `${ip}:${port}`, "-verify_hostname", name.replace("000000", "000009"), "-verify_return_error",
      "-CAfile", "ca-bundle.pem", "-cert", "client.crt", "-key", "client.key"]);
    expect(wrongName.code).not.toBe(0);
    expect(wrongName.stdout + wrongName.stderr).toMatch(/hostname mismatch/i);
    const noClientCertificate = await openssl(["s_client", "-connect", `${ip}:${port}`, "-verify_hostname", name, "-verify_return_error", "-CAfile", "ca-bundle.pem"]);
    expect(noClientCertificate.code).not.toBe(0);
    expect(noClientCertificate.stderr).toMatch(/alert handshake failure/);
  });
});

describe("the kit's Node snippet with the real cassandra-driver", () => {
  it("connects over mTLS with the password and reads release_version", async () => {
    const run = await nodeSnippet("node_example.mjs");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("connected to Cassandra 4.0.11\n");
  });

  it("is refused by the nodes without the client certificate, and by Cassandra with a wrong password", async () => {
    const snippet = kitFile("node_example.mjs");
    const withoutClientCertificate = snippet.replace(/^.*kitFile\("client\.crt"\).*\n/m, "");
    expect(withoutClientCertificate).not.toMatch(/kitFile\("client\.(crt|key)"\)/);
    writeFileSync(join(kitDir, "no_client_certificate.mjs"), withoutClientCertificate);
    const refused = await nodeSnippet("no_client_certificate.mjs");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("NoHostAvailableError");
    expect(refused.stderr).toContain("ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE");

    const wrongPassword = await nodeSnippet("node_example.mjs", "not-the-password");
    expect(wrongPassword.code).not.toBe(0);
    expect(wrongPassword.stderr).toMatch(/Provided username cassandra and\/or password are incorrect/);
  });
});
