// `npm run kit` as a new user runs it against `npm start` (issue 14): without --local it still recognises the local
// emulator (its vault is on loopback; this used to fail with UNABLE_TO_VERIFY_LEAF_SIGNATURE and no hint), without
// --out it writes outside the repository, and a kit written into the repository as the README once showed is ignored.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ignore from "ignore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorld } from "../../support/localWorld.js";
import { CLUSTER, runProcess, startCertifiedWorld } from "./support.js";

let world: LocalWorld;
let home: string;
beforeAll(async () => {
  world = await startCertifiedWorld();
  home = mkdtempSync(join(tmpdir(), "kit-home-"));
});
afterAll(async () => {
  await world?.dispose();
  if (home) rmSync(home, { recursive: true, force: true });
});

const kit = (args: string[], env: Record<string, string> = {}) => runProcess(process.execPath, ["--import", "tsx", "tools/kit.ts", ...args],
  { env: { ...process.env, APP_URL: world.origin(), STATE_DIR: world.stateDir, HOME: home, ...env } });

describe("npm run kit without --local and --out", () => {
  it("recognises the local emulator and writes the kit under ~/cassandra-vpn-kits, not in the working tree", async () => {
    const run = await kit(["--cluster", `${CLUSTER.resourceGroup}/${CLUSTER.clusterName}`]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const dir = join(home, "cassandra-vpn-kits", CLUSTER.resourceGroup, CLUSTER.clusterName, "app");
    expect(run.stdout).toContain(`in ${dir}:`);
    expect(readFileSync(join(dir, "client.key"), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(join(dir, "client.key")).mode & 0o777).toBe(0o600);
  });

  it("says exactly what to do when the emulator's CA is not where STATE_DIR points", async () => {
    const run = await kit(["--cluster", `${CLUSTER.resourceGroup}/${CLUSTER.clusterName}`], { STATE_DIR: join(home, "elsewhere") });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^kit: https:\/\/127\.0\.0\.1:\d+ is the local emulator, but its root CA is not at .*: set STATE_DIR to the one npm start uses$/)]);
  });

  it("a bad argument is one line with the usage and exit 2", async () => {
    const run = await kit(["--cluster", "no-slash"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^kit: --cluster must be RESOURCE_GROUP\/CLUSTER\. usage: npm run kit -- /)]);
  });

  it("git ignores a kit written into the repository (kit/ holds client.key)", () => {
    const rules = ignore().add(readFileSync(".gitignore", "utf8"));
    expect(rules.ignores("kit/client.key")).toBe(true);
    expect(rules.ignores("kit/cqlshrc")).toBe(true);
  });
});
