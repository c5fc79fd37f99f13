// `npm start` as a user runs it (tsx local/start.ts): one JSON line on stdout when ready, a working API,
// a clean stop on SIGINT, and a second start on the same state dir that finds what the first left.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { start as startIn, stop } from "../../support/npmStart.js";

const stateDir = mkdtempSync(join(tmpdir(), "npm-start-"));
const start = () => startIn({ STATE_DIR: stateDir });
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe("npm start", () => {
  it("prints one JSON line, serves the API, stops on SIGINT and starts again on the same state", async () => {
    const first = await start();
    expect(Object.keys(first.ready)).toEqual(["apiBaseUrl", "durableBaseUrl", "eventGridUrl", "subscriptionId", "emulator"]);
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
