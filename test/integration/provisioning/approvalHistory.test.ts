// A week-long approval wait at the production poll interval (PT5M, default deadline P7D) on the virtual
// clock: every check is its own execution (continueAsNew), so no execution's history grows with the wait,
// and the parent saga's history stays put while it waits. Measured at every commit the runtime persists.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InstanceStore } from "../../../local/runtime/store/instanceStore.js";
import type { InstanceRecord } from "../../../local/runtime/durable/instance.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { idsFor, requestFor, resourcesOf, startProvisioning, untilWaitingForApproval } from "../../support/provisioningScenario.js";

let world: LocalWorld;
beforeAll(async () => {
  world = await startLocalWorld({ env: { APPROVAL_POLL_INTERVAL: "PT5M", APPROVAL_DEADLINE: "P7D" } });
});
afterAll(() => world.dispose());

interface Observed {
  commits: number;
  maxHistory: number;
  maxRecordBytes: number;
  executions: Set<string>;
  historyByExecution: Map<string, number>;
}

function observe(instanceId: string): { observed: Observed; stop: () => void } {
  const observed: Observed = { commits: 0, maxHistory: 0, maxRecordBytes: 0, executions: new Set(), historyByExecution: new Map() };
  const save = InstanceStore.prototype.save;
  const spy = vi.spyOn(InstanceStore.prototype, "save").mockImplementation(function (this: InstanceStore, rec: InstanceRecord) {
    if (rec.instanceId === instanceId) {
      const execution = rec.execution.executionId;
      observed.commits++;
      observed.executions.add(execution);
      observed.maxHistory = Math.max(observed.maxHistory, rec.history.length);
      observed.historyByExecution.set(execution, Math.max(observed.historyByExecution.get(execution) ?? 0, rec.history.length));
      observed.maxRecordBytes = Math.max(observed.maxRecordBytes, JSON.stringify(rec).length);
    }
    return save.call(this, rec);
  });
  return { observed, stop: () => spy.mockRestore() };
}

describe("a seven-day approval wait with five-minute polls", () => {
  it("keeps every execution's history bounded and the parent's history unchanged until the deadline", async () => {
    const name = "cass-week";
    const ids = idsFor(name);
    const started = performance.now();
    const approval = observe(ids.approval);
    await startProvisioning(world, requestFor(name, "10.20.3.30"));
    const first = await untilWaitingForApproval(world, name);
    expect(Date.parse(first.deadline) - Date.parse(first.nextCheckAt)).toBe(7 * 86_400_000 - 5 * 60_000);
    const parentHistoryAtWait = world.runtime.history(ids.provisioning).length;

    let parentMax = parentHistoryAtWait;
    // Read the live records (no snapshot per alarm: two thousand of them would dominate the wall time).
    const live = (id: string) => world.instances().find((r) => r.instanceId === id)!;
    await world.runUntil(() => {
      if (live(ids.approval).runtimeStatus === "Running") parentMax = Math.max(parentMax, live(ids.provisioning).history.length);
      return live(ids.provisioning).runtimeStatus !== "Running";
    }, 8 * 86_400_000);
    approval.stop();
    const wallMs = performance.now() - started;

    const done = world.runtime.status(ids.provisioning)!;
    expect(done.runtimeStatus).toBe("Failed");
    expect(String(done.output)).toContain("DeadlineExceeded");
    expect(resourcesOf(world, name)).toEqual([]);
    const wait = world.runtime.status(ids.approval)!;
    expect(wait.output).toMatchObject({ outcome: "DeadlineExceeded", checks: 7 * 24 * 12 + 1 });

    const { observed } = approval;
    // One execution per poll (7 days × 12 per hour) plus the one that finds the deadline passed.
    expect(observed.executions.size).toBe(7 * 24 * 12 + 1);
    expect(wait.generation).toBe(observed.executions.size);
    // Bounded: every poll between the first and the last execution kept the same history (nothing accumulates
    // from check to check), and neither the first nor the last of the week grew beyond it.
    const [firstExecution, ...rest] = [...observed.historyByExecution.values()];
    const lastExecution = rest.pop();
    expect(new Set(rest), "history lengths of the executions between the first and the last").toEqual(new Set([rest[0]]));
    expect(firstExecution).toBeLessThanOrEqual(rest[0]!);
    expect(lastExecution).toBeLessThanOrEqual(rest[0]!);
    expect(observed.maxHistory).toBeLessThanOrEqual(12);
    // The saga itself waits on one sub-orchestration: its history does not move while the wait runs.
    expect(parentMax).toBe(parentHistoryAtWait);

    console.info(`7-day approval wait: ${observed.executions.size} executions, max history ${observed.maxHistory} events `
      + `(largest persisted record ${observed.maxRecordBytes} bytes), ${observed.commits} commits, parent history ${parentMax} events, `
      + `wall ${Math.round(wallMs)} ms`);
  }, 120_000);
});
