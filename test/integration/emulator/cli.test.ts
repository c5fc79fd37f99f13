// `npm run emulator`: one JSON line on stdout when ready, a clean exit on SIGTERM.
import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-cli-"));
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

describe("emulator CLI", () => {
  it("prints exactly one JSON line with the endpoints, serves, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "local/emulator/cli.ts", "--port", "0", "--state-dir", stateDir, "--lro-delay-ms", "0", "--cql-port", "0",
      "--resource-group", "6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b/cli-rg@East US 2"],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    const firstLine = new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0] ?? "");
      });
      child.once("exit", (code) => reject(new Error(`emulator exited early with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    const ready = JSON.parse(await firstLine) as Record<string, string>;
    expect(Object.keys(ready).sort()).toEqual(["armEndpoint", "caCertPath", "controlUrl", "cqlPort", "keyVaultUrl", "nodeCaCertPath", "stateDir"]);
    expect(ready.armEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.keyVaultUrl).toBe(ready.armEndpoint);
    expect(ready.controlUrl).toBe(`${ready.armEndpoint}/_emulator`);
    expect(ready.stateDir).toBe(stateDir);
    expect(ready.caCertPath).toBe(path.join(stateDir, "ca.pem"));
    expect(ready.nodeCaCertPath).toBe(path.join(stateDir, "node-ca.pem"));
    expect(ready.cqlPort).toEqual(expect.any(Number));

    const control = (what: string) => new Promise<string>((resolve, reject) => {
      https.get(`${ready.controlUrl}/${what}`, { ca: fs.readFileSync(ready.caCertPath as string) }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve(text));
      }).on("error", reject);
    });
    expect(JSON.parse(await control("requests")).summary.total).toBe(0);
    // --resource-group seeds a group the user already has (writes into any other answer ResourceGroupNotFound).
    expect(JSON.parse(await control("resources")).resources).toEqual([expect.objectContaining({
      id: "/subscriptions/6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b/resourceGroups/cli-rg", type: "Microsoft.Resources/resourceGroups", location: "eastus2" })]);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
  });
});
