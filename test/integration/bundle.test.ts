// The deployable bundle keeps cold start light: the Azure SDK clients and the X.509 library are in
// chunks loaded on first use, never in dist/main.js, and the bundle still registers every function.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../scripts/build.js";
import { registrationsOf } from "../support/registrations.js";

const out = mkdtempSync(join(tmpdir(), "bundle-test-"));
beforeAll(() => buildApp(out), 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("bundle", () => {
  it("leaves the Azure SDK clients and @peculiar/x509 out of the entry chunk", () => {
    const main = readFileSync(join(out, "main.js"), "utf8");
    for (const name of ["CosmosDBManagementClient", "NetworkManagementClient", "CertificateClient", "X509CertificateGenerator"]) {
      expect(main.includes(name), name).toBe(false);
    }
    const chunks = readdirSync(out).filter((f) => f.endsWith(".js") && f !== "main.js").map((f) => readFileSync(join(out, f), "utf8"));
    expect(chunks.some((c) => c.includes("CosmosDBManagementClient"))).toBe(true);
  });

  it("loads like the Functions worker loads it and registers every function", () => {
    const names = registrationsOf(join(out, "main.js")).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["provisionVpnCluster", "rotateClusterCertificates", "startProvisioning", "rotationTimer", "onKeyVaultEvent", "onResourceEvent"]));
  });

  it("refuses to start with a bad setting, naming it", () => {
    const probe = join(mkdtempSync(join(tmpdir(), "bundle-probe-")), "probe.mjs");
    writeFileSync(probe, `import Module from "node:module";
const original = Module.prototype.require;
Module.prototype.require = function (id) { return id === "@azure/functions-core" ? { registerFunction() { return { dispose() {} }; }, setProgrammingModel() {}, registerHook() { return { dispose() {} }; } } : original.apply(this, arguments); };
await import(${JSON.stringify(join(out, "main.js"))});`);
    const env = { ...process.env, AZURE_SUBSCRIPTION_ID: "nope", KEY_VAULT_URL: "https://kv.vault.azure.net" };
    let stderr = "";
    try {
      execFileSync(process.execPath, [probe], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      stderr = String((error as { stderr?: string }).stderr);
    }
    expect(stderr).toContain("AZURE_SUBSCRIPTION_ID is invalid: expected a GUID");
  });
});
