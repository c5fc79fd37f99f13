// How a started (or joined) rotation run reads back, from the durable client's status. A run replaced under the
// singleton id has finished; when the run replacing it is the retire waker's ("retire due"), the replaced run was a
// CA rotation that promoted its CA (only that schedules the waker), so a fleet counts it done, not failed. bench:fleet
// at 500 clusters with a 5 s grace counted 147 such runs as failures before this. The status answers below are the
// shapes durable-functions' getStatus returns (DurableOrchestrationStatus).
import type { DurableClient } from "durable-functions";
import { describe, expect, it } from "vitest";
import { readRotationRun } from "../../../src/adapters/rotationSingleton.js";

const ID = "rotate:sub:rg:cass";
const STARTED = "2026-12-03T08:00:00.000Z";

/** A durable client whose getStatus answers `status`, with the input only when asked for (showInput). */
function clientAnswering(status: Record<string, unknown>) {
  const asked: boolean[] = [];
  const client = {
    getStatus: async (_id: string, options?: { showInput?: boolean }) => {
      asked.push(Boolean(options?.showInput));
      const { input, ...rest } = status;
      return options?.showInput ? status : rest;
    },
  } as unknown as DurableClient;
  return { client, asked };
}

describe("reading a rotation run", () => {
  it("reads a run replaced by its own retire waker's run as the CA rotation it was", async () => {
    const { client, asked } = clientAnswering({ instanceId: ID, createdTime: "2026-12-03T08:05:00.000Z", runtimeStatus: "Running", input: { reason: "retire due" } });
    expect(await readRotationRun(client, ID, STARTED)).toEqual({ state: "completed", output: { action: "rotateCa", outcome: expect.stringContaining(ID) } });
    expect(asked, "the input is read only for a replaced run").toEqual([false, true]);
  });

  it("reads a run replaced by any other run as gone", async () => {
    const { client } = clientAnswering({ instanceId: ID, createdTime: "2026-12-03T08:05:00.000Z", runtimeStatus: "Completed", input: { reason: "scheduled check" } });
    expect(await readRotationRun(client, ID, STARTED)).toEqual({ state: "gone" });
  });

  it("reads its own run's state as it is", async () => {
    const running = clientAnswering({ instanceId: ID, createdTime: STARTED, runtimeStatus: "Running", customStatus: { steps: [{ step: "createCa" }] } });
    expect(await readRotationRun(running.client, ID, STARTED)).toEqual({ state: "running", steps: ["createCa"] });
    expect(running.asked).toEqual([false]);
    const done = clientAnswering({ instanceId: ID, createdTime: STARTED, runtimeStatus: "Completed", output: { action: "renewClient" } });
    expect(await readRotationRun(done.client, ID, STARTED)).toEqual({ state: "completed", output: { action: "renewClient" } });
  });
});
