// What a new user meets at `npm start` (issue 14): every mistake ends in one line that names the fix (no stack
// trace), an option npm swallowed is caught, one run per state dir, and the ready line says where the nodes
// listen and which subscription the local world is, with the demo password printed as the local value it is.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_SUBSCRIPTION_ID } from "../../support/testIds.js";
import { runToExit, start, stop } from "../../support/npmStart.js";

const stateDir = mkdtempSync(join(tmpdir(), "npm-start-traps-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const oneLine = (text: string) => text.trim().split("\n");

describe("npm start's traps", () => {
  it("an unknown option is one line with the usage and exit 2", async () => {
    const run = await runToExit(["--manual-aproval"], { STATE_DIR: stateDir });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toEqual([expect.stringMatching(/^npm start: Unknown option '--manual-aproval'\. usage: npm start \[-- /)]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("`npm start --manual-approval` without -- is caught instead of running with auto-approval", async () => {
    const run = await runToExit(["--manual-approval"], { STATE_DIR: stateDir, PORT: "0" }, "npm");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("npm start: npm took --manual-approval as its own option; pass it after --: npm start -- --manual-approval");
    expect(run.stdout).toBe("");
  });

  it("a taken port is one line that says to use PORT=0", async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, "127.0.0.1", () => resolve((holder.address() as { port: number }).port)));
    try {
      const run = await runToExit([], { STATE_DIR: stateDir, PORT: String(port) });
      expect(run.code).toBe(1);
      expect(oneLine(run.stderr)).toEqual([`npm start: port ${port} on 127.0.0.1 is in use (another npm start?): use PORT=0 for any free port, or another PORT`]);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it("prints the ports, the subscription and the demo password; a second run on the same state dir is refused", async () => {
    const first = await start({ STATE_DIR: stateDir, DEMO_ADMIN_PASSWORD: "Trap-Demo-Passw0rd!" });
    try {
      expect(first.ready.subscriptionId).toBe(LOCAL_SUBSCRIPTION_ID);
      expect(first.ready.emulator.cqlPort).toEqual(expect.any(Number));
      await first.stderrHas("Ctrl-C stops");
      expect(first.stderr()).toContain("Demo admin password (user cassandra; Key Vault secret cass-demo-admin-password in the emulator): Trap-Demo-Passw0rd!");

      const second = await runToExit(["--no-demo"], { STATE_DIR: stateDir, PORT: "0" });
      expect(second.code).toBe(1);
      expect(oneLine(second.stderr)).toEqual([`npm start: STATE_DIR ${stateDir} is in use by another npm start (pid ${first.child.pid}): stop it, or use another STATE_DIR`]);
    } finally {
      expect(await stop(first)).toBe("exit 0");
    }
    // Stopped cleanly, the lock is gone: the next run starts.
    const again = await start({ STATE_DIR: stateDir });
    expect(await stop(again)).toBe("exit 0");
  });
});
