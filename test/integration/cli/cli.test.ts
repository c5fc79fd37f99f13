// `cassandra-vpn` as an operator uses it: --help everywhere, a bad argument is one line and exit 2, and a provision
// followed by `watch` against the local runtime (on its virtual clock: each pause of `watch` jumps to the next timer)
// prints a progress line per step and the remaining wait, approved in between with `approve` (local emulator only).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SUBSCRIPTION_ID } from "../../../local/appEnvironment.js";
import { lockFileOf } from "../../../local/startGuards.js";
import { main } from "../../../tools/cli/main.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { requestFor } from "../../support/provisioningScenario.js";
import { caNameOf, clientNameOf } from "../../support/testIds.js";

let world: LocalWorld;
const scratch = mkdtempSync(join(tmpdir(), "cli-"));
beforeAll(async () => {
  world = await startLocalWorld();
  // What npm start leaves in its STATE_DIR once ready: how `approve` finds the local emulator.
  const { controlUrl, caCertPath } = world.emulator;
  writeFileSync(lockFileOf(world.stateDir), JSON.stringify({ pid: process.pid, subscriptionId: LOCAL_SUBSCRIPTION_ID, emulator: { controlUrl, caCertPath } }));
});
afterAll(async () => {
  await world?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

interface Run { code: number; out: string[]; err: string[] }

async function cli(argv: string[], options: { env?: Record<string, string>; wait?: () => Promise<void> } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { APP_URL: world.origin(), STATE_DIR: world.stateDir, ...options.env };
  const code = await main(argv, env, {
    out: (line) => out.push(...line.split("\n")), err: (line) => err.push(line), now: () => world.clock.now(),
    wait: options.wait ?? (async () => { throw new Error("no wait expected"); }),
  });
  return { code, out, err };
}

describe("cassandra-vpn --help", () => {
  it("the bin lists every command", () => {
    const run = spawnSync(process.execPath, ["bin/cassandra-vpn.mjs", "--help"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    const commands = run.stdout.split("\n").filter((l) => l.startsWith("  ")).map((l) => l.trim().split(" ")[0]);
    expect(commands).toEqual(["provision", "status", "watch", "stop", "rotate", "certs", "kit", "approve"]);
  });

  it.each(["provision", "status", "watch", "stop", "rotate", "certs", "kit", "approve"])("%s --help says its usage", async (command) => {
    const run = await cli([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.out[0]).toMatch(new RegExp(`^usage: cassandra-vpn ${command} `));
  });
});

describe("bad arguments", () => {
  it.each([
    [["frobnicate"], 'cassandra-vpn: unknown command "frobnicate" (cassandra-vpn --help)'],
    [["status"], "cassandra-vpn: expected ID (cassandra-vpn status --help)"],
    [["status", "a", "b"], "cassandra-vpn: expected ID (cassandra-vpn status --help)"],
    [["stop", "x", "--force"], "cassandra-vpn: Unknown option '--force' (cassandra-vpn stop --help)"],
    [["rotate", "cass-demo-rg/c", "--scope", "all"], "cassandra-vpn: --scope must be client or ca (cassandra-vpn rotate --help)"],
    [["certs", "no-slash"], 'cassandra-vpn: expected RESOURCE_GROUP/CLUSTER, got "no-slash" (cassandra-vpn certs --help)'],
    [["watch", "x", "--interval", "0"], "cassandra-vpn: --interval must be a positive number of seconds (cassandra-vpn watch --help)"],
    [["provision"], "cassandra-vpn: provision needs --file REQUEST.json (cassandra-vpn provision --help)"],
    [["kit", "no-slash"], expect.stringMatching(/^cassandra-vpn: --cluster must be RESOURCE_GROUP\/CLUSTER\. usage: npm run kit/)],
  ])("%j is one line and exit 2", async (argv, line) => {
    const run = await cli(argv as string[]);
    expect(run).toEqual({ code: 2, out: [], err: [line] });
  });

  it("a bin run with a bad argument exits 2 with one line", () => {
    const run = spawnSync(process.execPath, ["bin/cassandra-vpn.mjs", "watch"], { encoding: "utf8" });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, "", "cassandra-vpn: expected ID (cassandra-vpn watch --help)\n"]);
  });
});

describe("provision, watch, approve, certs against the local runtime", () => {
  it("watch shows each step and the remaining wait; approve (local emulator) ends the wait", async () => {
    const file = join(scratch, "request.json");
    writeFileSync(file, JSON.stringify(requestFor("cass-cli", "10.20.3.40")));
    const started = await cli(["provision", "--file", file]);
    expect(started.code).toBe(0);
    const id = /^started: (\S+) {2}\(http:\/\/127\.0\.0\.1:\d+\/api\/provisionings\/\S+\)$/.exec(started.out[0]!)?.[1];
    expect(id).toBeDefined();

    let approved: Run | undefined;
    const watched = await cli(["watch", id!], {
      wait: async () => {
        await world.clock.settle();
        const view = (await world.api("GET", `/api/provisionings/${id}`)).body;
        // An operator approving by hand once the wait shows up (what the service team does in Azure).
        if (!approved && view.progress?.waitingOn?.startsWith("approval of") && world.clock.now() > Date.parse(view.progress.steps.at(-1).startedAt) + 10_000) {
          approved = await cli(["approve", "cass-demo-rg/cass-cli-pe"]);
        }
        const next = world.clock.nextAlarmAt();
        if (next !== undefined) await world.clock.advanceTo(next);
      },
    });
    expect(approved).toEqual({ code: 0, out: [`approved: /subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/cass-demo-rg/providers/Microsoft.Network/privateEndpoints/cass-cli-pe`], err: [] });
    if (process.env.SHOW_WATCH) console.log(watched.out.join("\n"));
    expect(watched.err).toEqual([]);
    expect(watched.code).toBe(0);
    const steps = ["preflight", "createCluster", "createPrivateEndpoint", "awaitApproval", "readEndpointIp", "createDatacenter", "awaitNodes", "firstCertificates"];
    const progress = watched.out.filter((l) => l.startsWith("["));
    expect(progress).toEqual(steps.flatMap((step, i) => [`[${i + 1}/8] ${step} started`, expect.stringMatching(new RegExp(`^\\[${i + 1}/8\\] ${step} done in \\d`))]));
    expect(watched.out).toContainEqual(expect.stringMatching(/^ {4}waiting on approval of cass-cli-pe \(next check in \d+ s, deadline in 6 d 23 h\)$/));
    expect(watched.out).toContainEqual(expect.stringMatching(/^ {4}waiting on cluster cass-cli/));
    expect(watched.out.at(-1)).toBe(`Completed: ${id}`);

    const certs = await cli(["certs", "cass-demo-rg/cass-cli"]);
    expect(certs.code).toBe(0);
    expect(certs.out.filter((l) => / current /.test(l)).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([["CA", caNameOf("cass-cli")], ["client", clientNameOf("cass-cli")]]);
    const status = await cli(["status", id!]);
    expect(status.out[0]).toBe(`${id}: Completed, step done`);
  });

  it("approve refuses anything but the local emulator npm start left in STATE_DIR", async () => {
    const run = await cli(["approve", "cass-demo-rg/cass-cli-pe"], { env: { STATE_DIR: join(scratch, "none") } });
    expect(run.code).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^cassandra-vpn: approve works against the local emulator only, and finds none: no .*npm-start\.json/)]);
  });
});
