// The app's HTTP triggers served at /api/<route> through the real @azure/functions conversions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { FUNCTION } from "./fixtures/triggerNames.js";

const entry = new URL("./fixtures/triggers.app.ts", import.meta.url);
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime({ entry });
});
afterAll(() => rt.dispose());

describe("http trigger routing", () => {
  it("binds route parameters and the query string", async () => {
    const res = await rt.fetch("/api/orders/42?q=open");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ function: FUNCTION.getOrder, id: "42", q: "open" });
  });

  it("prefers a literal segment over a parameter", async () => {
    expect(await (await rt.fetch("/api/orders/latest")).json()).toEqual({ function: FUNCTION.latestOrder });
  });

  it("passes the rest of the path to a catch-all parameter", async () => {
    expect(await (await rt.fetch("/api/files/a/b/c.txt")).text()).toBe("file:a/b/c.txt");
  });

  it("serves a function without a route at its name, case-insensitively, with status, headers and cookies", async () => {
    const res = await rt.fetch("/api/echo", { method: "POST", headers: { "content-type": "application/json" }, body: '{"n":1}' });

    expect(res.status).toBe(201);
    expect(res.headers.get("x-echo")).toBe("yes");
    expect(res.headers.get("set-cookie")).toBe("seen=1; Path=/");
    expect(await res.json()).toEqual({ received: { n: 1 }, contentType: "application/json" });
  });

  it("answers 404 when the method or the path does not match", async () => {
    expect((await rt.fetch("/api/echo")).status).toBe(404);
    expect((await rt.fetch("/api/nowhere")).status).toBe(404);
    expect((await rt.fetch("/orders/42")).status).toBe(404);
  });

  it("reports the base URLs a caller needs", () => {
    const { origin, apiBaseUrl, durableBaseUrl, rpcBaseUrl, eventGridUrl } = rt.runtime;
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(apiBaseUrl).toBe(`${origin}/api`);
    expect(durableBaseUrl).toBe(`${origin}/runtime/webhooks/durabletask`);
    expect(rpcBaseUrl).toBe(`${origin}/durabletask/`);
    expect(eventGridUrl).toBe(`${origin}/runtime/webhooks/eventgrid`);
  });
});
