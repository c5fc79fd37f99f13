// `npm start` as a user runs it (tsx local/start.ts): one JSON line on stdout when ready, a working API,
// a clean stop on SIGINT, and a second start on the same state dir that finds what the first left.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const stateDir = mkdtempSync(join(tmpdir(), "npm-start-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

interface Started { child: ChildProcess; ready: Record<string, any>; stdout: () => string; stderr: () => string }

function start(): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts", "--no-demo"], {
    env: { ...process.env, STATE_DIR: stateDir, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve({ child, ready: JSON.parse(line!), stdout: () => out, stderr: () => err });
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`npm start exited early with ${code}`)));
  });
}

function stop({ child, stderr }: Started): Promise<string> {
  return new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve(`exit ${code ?? signal}${code === 0 ? "" : `\n${stderr()}`}`));
    child.kill("SIGINT");
  });
}

describe("npm start", () => {
  it("prints one JSON line, serves the API, stops on SIGINT and starts again on the same state", async () => {
    const first = await start();
    expect(Object.keys(first.ready)).toEqual(["apiBaseUrl", "durableBaseUrl", "eventGridUrl", "emulator"]);
    expect(first.ready.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(first.ready.emulator).toMatchObject({ stateDir: join(stateDir, "emulator"), controlUrl: expect.stringMatching(/\/_emulator$/) });
    const bad = await fetch(`${first.ready.apiBaseUrl}/provisionings`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    const res = await fetch(`${first.ready.apiBaseUrl}/provisionings/nope`);
    expect(res.status).toBe(404);
    expect(await stop(first)).toBe("exit 0");
    expect(first.stdout().trim().split("\n")).toHaveLength(1);

    const second = await start();
    // The emulator kept its state directory, so clients that trusted its CA still do.
    expect(second.ready.emulator.caCertPath).toBe(first.ready.emulator.caCertPath);
    expect(await stop(second)).toBe("exit 0");
  });
});
