// One provisioning per cell of the fault matrix: a fresh cluster name and endpoint address, the cell's faults (or a
// crash when the saga enters a step, then a restart on the same state dir), approval as soon as the endpoint exists,
// and virtual time until the saga ends. Then what Azure holds for that cluster is read back and classified.
import { appendFileSync } from "node:fs";
import type { FaultRuleInput } from "../../../local/emulator/core/faults.js";
import type { ProgressEvent } from "../../../local/runtime/progress.js";
import type { LocalWorld } from "../../support/localWorld.js";
import { decideEndpoint, idsFor, requestFor, resourcesOf } from "../../support/provisioningScenario.js";
import { versionsOf, type KvVersion } from "../../support/rotationCertificates.js";
import { caNameOf, clientNameOf } from "../../support/testIds.js";
import { duplicateVersions, type Cell } from "./matrix.js";

export interface CellPlan {
  row: string;
  column: string;
  faults?: (clusterName: string) => FaultRuleInput[];
  /** Kill the runtime when the saga enters this step, then restart it and let the saga resume. */
  crashAt?: string;
}

/** FAULTS_PROGRESS=<file>: one line per finished cell, while the matrix runs. */
export function progressLine(cell: Cell): void {
  if (process.env.FAULTS_PROGRESS) {
    appendFileSync(process.env.FAULTS_PROGRESS,
      `${cell.row} × ${cell.column}: ${cell.state} (${cell.ms} ms)${cell.note ? ` ${cell.note.slice(0, 100)}` : ""}\n`);
  }
}

/** The app settings of a matrix world: production-like polls, and every wait for Azure bounded by ten minutes. */
export const MATRIX_ENV = { OPERATION_POLL_INTERVAL: "PT30S", OPERATION_TIMEOUT: "PT10M", APPROVAL_POLL_INTERVAL: "PT1M", CA_RETIRE_GRACE: "PT2M" };

const TERMINAL = new Set(["Completed", "Failed", "Terminated"]);
let serial = 0;
let nextHost = 20;

/** Resource names a saga reports it could not delete (its compensation records with outcome "failed"). */
function reportedLeft(progress: any): string[] {
  return ((progress?.compensation ?? []) as Array<{ action: string; outcome: string }>)
    .filter((r) => r.outcome === "failed").map((r) => r.action.replace(/^delete \S+ (?:endpoint )?/, ""));
}

/** Every version of the cluster's CA and default client certificate (the rotation cells use it too). */
export async function certificatesMade(world: LocalWorld, clusterName: string): Promise<KvVersion[]> {
  return [...await versionsOf(world, caNameOf(clusterName)), ...await versionsOf(world, clientNameOf(clusterName))];
}

export class ProvisioningCells {
  #crash: { instanceId: string; step: string; done: boolean; pending?: Promise<void> } | undefined;
  constructor(private readonly world: LocalWorld) {}

  /** The world's runtime progress listener: kills the runtime when the crash cell's saga enters its step. */
  readonly onProgress = (event: ProgressEvent): void => {
    const crash = this.#crash;
    if (!crash || crash.done || event.instanceId !== crash.instanceId || event.step !== crash.step) return;
    crash.done = true;
    crash.pending = this.world.runtime.kill();
  };

  async run(plan: CellPlan): Promise<Cell> {
    const world = this.world;
    const name = `pf${++serial}`;
    const ids = idsFor(name);
    const started = Date.now();
    for (const rule of plan.faults?.(name) ?? []) world.emulator.addFault(rule);
    if (plan.crashAt) this.#crash = { instanceId: ids.provisioning, step: plan.crashAt, done: false };
    try {
      // A crash as the saga enters its first step may cut the POST's answer: the instance was persisted all the same.
      const res = await world.api("POST", "/api/provisionings", requestFor(name, `10.20.3.${nextHost++}`)).catch(() => ({ status: plan.crashAt ? 202 : 0 }));
      if (res.status !== 202) return { row: plan.row, column: plan.column, state: `Refused ${res.status}`, left: [], duplicates: [], ms: Date.now() - started };
      let approved = false;
      const ended = () => TERMINAL.has(world.runtime.status(ids.provisioning)?.runtimeStatus ?? "");
      const endpointExists = () => world.emulator.resources().some((r) => r.name === ids.endpointName && r.type === "Microsoft.Network/privateEndpoints");
      for (let round = 0; round < 20; round++) {
        // runUntil settles in-flight work first and gives up only when the condition fails with nothing scheduled.
        const moved = await world.runUntil(() => ended() || (!approved && endpointExists()) || Boolean(this.#crash?.pending), 30 * 86_400_000)
          .then(() => true, () => false);
        if (await this.#restartIfKilled()) continue;
        if (!approved && endpointExists()) {
          decideEndpoint(world, name, "Approved");
          approved = true;
          continue;
        }
        if (!moved || ended()) break;
      }
      // A crash in the saga's last episode: it has ended, and the runtime is dead all the same.
      await world.clock.settle();
      await this.#restartIfKilled();
      world.emulator.clearFaults();
      const cell = await this.#classify(plan, name, started);
      progressLine(cell);
      return cell;
    } finally {
      world.emulator.clearFaults();
      this.#crash = undefined;
    }
  }

  async #restartIfKilled(): Promise<boolean> {
    if (!this.#crash?.pending) return false;
    await this.#crash.pending;
    delete this.#crash.pending;
    this.world.runtime = await this.world.runtime.restart();
    return true;
  }

  async #classify(plan: CellPlan, name: string, started: number): Promise<Cell> {
    const world = this.world;
    const status = world.runtime.status(idsFor(name).provisioning);
    const view = (await world.api("GET", `/api/provisionings/${idsFor(name).provisioning}`)).body;
    const arm = resourcesOf(world, name);
    const made = await certificatesMade(world, name);
    const pending = made.filter((v) => v.stage === "pending").map((v) => `pending version of ${v.name}`);
    const reported = reportedLeft(view?.progress);
    const runtimeStatus = status?.runtimeStatus ?? "Pending";
    const state = !TERMINAL.has(runtimeStatus)
      ? "Stuck"
      : runtimeStatus === "Completed"
      ? "Completed"
      : runtimeStatus === "Failed" && !arm.length && !pending.length
      ? "Compensated"
      : `${runtimeStatus} (compensation incomplete)`;
    const armDuplicates = [...new Set(arm)].filter((r) => arm.filter((x) => x === r).length > 1).map((r) => `duplicate ${r}`);
    const missing = runtimeStatus === "Completed" && arm.length !== 4 ? [`a completed provisioning holds ${arm.length} of its 4 resources`] : [];
    return {
      cluster: name,
      row: plan.row,
      column: plan.column,
      state,
      left: state === "Completed" ? pending : [...arm, ...pending],
      duplicates: [...armDuplicates, ...missing, ...duplicateVersions(made)],
      ms: Date.now() - started,
      reported,
      ...(view?.error ? { note: String(view.error) } : {}),
    };
  }
}
