// The local runtime's HTTP layer and store under bad input (issue 13): a malformed percent-encoding, a payload nested
// deeper than any JSON reader of the host takes, or an instance id as long as the host allows is a 4xx with a body or
// a working instance, never a 500 (Event Grid redelivers a whole batch on a 5xx) and never an instance left Pending.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { rawHttp } from "../support/rawHttp.js";
import { AWAIT_SIGNAL, FUNCTION, SIGNAL_EVENT } from "./fixtures/triggerNames.js";

const entry = new URL("./fixtures/triggers.app.ts", import.meta.url);
const hostLog: string[] = [];
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ entry, log: (message) => hostLog.push(message) });
});
afterAll(() => rt.dispose());

const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  rawHttp(rt.runtime.origin, { method, path, ...(body === undefined ? {} : { body }), headers: { "content-type": "application/json", ...headers } });
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const nestedArray = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("malformed percent-encoding", () => {
  it.each([
    ["GET", "/api/orders/%E0%A4%A"],
    ["GET", "/api/orders/%ZZ"],
    ["GET", "/api/files/a/%/b"],
    ["GET", "/runtime/webhooks/durabletask/instances/%C0%AF"],
    ["POST", "/durabletask/orchestrators/%"],
    ["POST", "/admin/functions/%FF"],
    ["POST", "/runtime/webhooks/eventgrid/%E2%82?functionName=OnResourceEvent"],
  ])("%s %s is a 400 with a body", async (method, path) => {
    const res = await send(method, path, method === "POST" ? "{}" : undefined, { "aeg-event-type": "Notification" });
    expect(res.status, res.text).toBe(400);
    expect(res.text).toMatch(/percent-encoding/);
  });
});

describe("deeply nested payloads", () => {
  it("an Event Grid delivery nested deeper than 64 levels is refused with 400, not 500, and invokes nothing", async () => {
    for (const body of [nestedArray(100_000), `[${nested(20_000)}]`, `[{"data":${nested(65)}}]`]) {
      const res = await send("POST", `/runtime/webhooks/eventgrid?functionName=${FUNCTION.onResourceEvent}`, body, { "aeg-event-type": "Notification" });
      expect(res.status, res.text).toBe(400);
      expect(res.text).toMatch(/nested/);
    }
    const ok = await send("POST", `/runtime/webhooks/eventgrid?functionName=${FUNCTION.onResourceEvent}`, `[{"data":${nested(40)}}]`, {
      "aeg-event-type": "Notification",
    });
    expect(ok.status).toBe(202);
  });

  it("an orchestration input nested too deeply is a 400 from the management API and leaves no instance", async () => {
    const before = rt.runtime.engine.records.size;
    const res = await send("POST", `/durabletask/orchestrators/${AWAIT_SIGNAL}/deep-one`, nestedArray(50_000));
    expect(res.status, res.text).toBe(400);
    expect(rt.runtime.engine.records.size).toBe(before);
  });
});

describe("instance ids as long as the host allows", () => {
  it("a 256-character id (also one that percent-encodes to three times that) starts, persists and runs", async () => {
    for (const id of ["l".repeat(256), ":".repeat(256), `${"é".repeat(120)}:${"x".repeat(135)}`]) {
      const res = await send("POST", `/durabletask/orchestrators/${AWAIT_SIGNAL}/${encodeURIComponent(id)}`, '{"n":1}');
      expect(res.status, res.text).toBe(202);
      await rt.idle();
      expect(rt.status(id)?.runtimeStatus).toBe("Running");
      rt.raiseEvent(id, SIGNAL_EVENT, "go");
      expect((await rt.waitForCompletion(id)).runtimeStatus).toBe("Completed");
    }
    const files = readdirSync(join(rt.runtime.stateDir, "runtime", rt.runtime.taskHub, "instances"));
    expect(files.every((name) => Buffer.byteLength(name) <= 255)).toBe(true);
  });

  it("an id the host refuses is a 400 with a body", async () => {
    const res = await send("POST", `/durabletask/orchestrators/${AWAIT_SIGNAL}/${"x".repeat(257)}`, "{}");
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Instance ID/);
  });
});

describe("errors of the host itself", () => {
  it("answer with a body that does not echo the request", async () => {
    for (const [method, path] of [["GET", "/durabletask/instances/%3Cscript%3E"], ["PATCH", "/durabletask/instances"], ["GET", "/admin/nothing"]] as const) {
      const res = await send(method, path);
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.text.length, `${method} ${path}`).toBeGreaterThan(0);
      expect(res.text).not.toContain("<script");
    }
  });
});
