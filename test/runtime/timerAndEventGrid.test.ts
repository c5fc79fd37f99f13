// Timer triggers (on demand, via the admin API, and on their NCRONTAB schedule in virtual time) and
// Event Grid triggers through the host-style webhook in both envelope forms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../local/runtime/clock.js";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { probes } from "./fixtures/probes.js";
import { AWAIT_SIGNAL, FUNCTION, NIGHTLY_RUN } from "./fixtures/triggerNames.js";

const entry = new URL("./fixtures/triggers.app.ts", import.meta.url);
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime({ entry });
});
afterAll(() => rt.dispose());

const nightlyRuns = () => [...rt.runtime.engine.records.values()].filter((r) => r.name === NIGHTLY_RUN);

function postEventGrid(functionName: string, body: unknown, eventType = "Notification"): Promise<Response> {
  return fetch(`${rt.runtime.eventGridUrl}?functionName=${functionName}`, {
    method: "POST",
    headers: { "content-type": "application/json", "aeg-event-type": eventType },
    body: JSON.stringify(body),
  });
}

describe("timer triggers", () => {
  it("fires on demand with the host's (camel-cased) payload and a durable client", async () => {
    const before = probes.recorded(FUNCTION.nightly).length;
    await rt.fireTimer(FUNCTION.nightly);
    await rt.idle();

    expect(probes.recorded(FUNCTION.nightly).slice(before)).toEqual([{ schedule: { adjustForDST: true }, scheduleStatus: null, isPastDue: false }]);
    expect(nightlyRuns().some((r) => r.runtimeStatus === "Completed")).toBe(true);
  });

  it("fires through the admin API like the host's POST /admin/functions/<name>", async () => {
    const before = probes.recorded(FUNCTION.nightly).length;
    const res = await rt.fetch(`/admin/functions/${FUNCTION.nightly}`, { method: "POST", body: "{}" });
    await rt.idle();

    expect(res.status).toBe(202);
    expect(probes.recorded(FUNCTION.nightly).length).toBe(before + 1);
  });

  it("fires on its NCRONTAB schedule when scheduling is on", async () => {
    const clock = new VirtualClock(Date.parse("2026-03-01T01:58:00Z"));
    const scheduled = await startTestRuntime({ entry, clock, timerTriggers: "schedule" });
    try {
      const before = probes.recorded(FUNCTION.nightly).length;
      await clock.advance(60_000);
      expect(probes.recorded(FUNCTION.nightly).length).toBe(before);
      await clock.advance(2 * 60_000); // passes 02:00:00
      const fired = probes.recorded(FUNCTION.nightly).slice(before) as Array<{ scheduleStatus: { next: string } }>;
      expect(fired).toHaveLength(1);
      expect(fired[0]?.scheduleStatus.next).toBe("2026-03-02T02:00:00.000Z");
    } finally {
      await scheduled.dispose();
    }
  });
});

describe("Event Grid webhook", () => {
  it("answers the subscription validation handshake", async () => {
    const res = await postEventGrid(FUNCTION.onResourceEvent, [
      { id: "1", eventType: "Microsoft.EventGrid.SubscriptionValidationEvent", data: { validationCode: "code-123" } },
    ], "SubscriptionValidation");

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ validationResponse: "code-123" });
  });

  it("invokes the function once per event of an Event Grid schema array", async () => {
    const events = ["a", "b"].map((n) => ({
      id: n, eventType: "Microsoft.Resources.ResourceWriteSuccess", subject: `/subscriptions/s/pe-${n}`,
      eventTime: "2026-01-01T00:00:00Z", data: { n }, dataVersion: "1", metadataVersion: "1",
    }));
    const res = await postEventGrid(FUNCTION.onResourceEvent, events);

    expect(res.status).toBe(202);
    expect(probes.recorded(FUNCTION.onResourceEvent).slice(-2)).toEqual(events);
  });

  it("accepts a single CloudEvents envelope", async () => {
    const cloudEvent = { specversion: "1.0", id: "ce-1", source: "/subscriptions/s", type: "Microsoft.KeyVault.CertificateNearExpiry", subject: "cert", data: { x: 1 } };
    const res = await postEventGrid(FUNCTION.onResourceEvent, cloudEvent);

    expect(res.status).toBe(202);
    expect(probes.recorded(FUNCTION.onResourceEvent).at(-1)).toEqual(cloudEvent);
  });

  it("wakes an orchestration through a durable client in the Event Grid trigger", async () => {
    const id = rt.start(AWAIT_SIGNAL, null, "eg-1");
    await rt.idle();
    const res = await postEventGrid(FUNCTION.onApprovalEvent, [{ id: "9", eventType: "Approved", subject: `/endpoints/${id}`, data: { approved: true } }]);

    expect(res.status).toBe(202);
    expect((await rt.waitForCompletion(id)).output).toEqual({ input: null, signal: { approved: true } });
  });

  it("answers 404 for an unknown function and 400 without aeg-event-type", async () => {
    expect((await postEventGrid("Nope", [])).status).toBe(404);
    const res = await fetch(`${rt.runtime.eventGridUrl}?functionName=${FUNCTION.onResourceEvent}`, { method: "POST", body: "[]" });
    expect(res.status).toBe(400);
  });
});
