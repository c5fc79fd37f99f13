// One CA rotation per cell of the fault matrix, on a provisioned cluster (reused while cells leave it consistent): the
// cell's faults or a crash as the rotation enters a step, the same plan the HTTP trigger builds (started through the
// engine, so a kill never cuts an HTTP answer), virtual time until it ends, then Key Vault, the trust list and the
// invariant (every current client certificate trusted and accepted by every node) are read back and classified.
import type { ProgressEvent } from "../../../local/runtime/progress.js";
import type { RotationPlan } from "../../../src/domain/rotationPlan.js";
import type { LocalWorld } from "../../support/localWorld.js";
import { inputOf, invariantViolations, provisionCluster, settleNodes, trustedThumbprints } from "../../support/rotationScenario.js";
import { rotationIdOf, wakerIdOf } from "../../support/testIds.js";
import { duplicateVersions, type Cell } from "./matrix.js";
import { certificatesMade, progressLine, type CellPlan } from "./provisioningCells.js";

const TERMINAL = new Set(["Completed", "Failed", "Terminated"]);


export class RotationCells {
  #cluster: string | undefined;
  #serial = 0;
  #host = 20;
  #crash: { instanceId: string; step: string; done: boolean; pending?: Promise<void> } | undefined;
  constructor(private readonly world: LocalWorld) {}

  readonly onProgress = (event: ProgressEvent): void => {
    const crash = this.#crash;
    if (!crash || crash.done || event.instanceId !== crash.instanceId || event.step !== crash.step) return;
    crash.done = true;
    crash.pending = this.world.runtime.kill();
  };

  async #clusterForCell(): Promise<string> {
    if (this.#cluster) return this.#cluster;
    const name = `rf${++this.#serial}`;
    await provisionCluster(this.world, name, `10.20.3.${this.#host++}`);
    return (this.#cluster = name);
  }

  async run(plan: CellPlan): Promise<Cell> {
    const world = this.world;
    const name = await this.#clusterForCell();
    const id = rotationIdOf(name);
    // Explicit, as an operator's request: the backoff a rolled-back cell leaves must not turn the next cell into a no-op.
    const input: RotationPlan = { ...inputOf<RotationPlan>(world, id), requested: "ca", explicit: true, reason: `fault matrix: ${plan.row} × ${plan.column}` };
    const before = { versions: new Set((await certificatesMade(world, name)).map((v) => v.version)), trust: trustedThumbprints(world, name) };
    const started = Date.now();
    for (const rule of plan.faults?.(name) ?? []) world.emulator.addFault(rule);
    if (plan.crashAt) this.#crash = { instanceId: id, step: plan.crashAt, done: false };
    try {
      world.runtime.start("rotateClusterCertificates", input, id);
      // A CA rotation ends after its promotion; the retire is a later run its waker starts (docs/certificates.md
      // "Phases"): the cell ends when both the rotation and the waker have.
      const settled = (instance: string, absent: boolean) => { const s = world.runtime.status(instance); return s ? TERMINAL.has(s.runtimeStatus) : absent; };
      const ended = () => settled(id, false) && settled(wakerIdOf(name), true);
      for (let round = 0; round < 10; round++) {
        const moved = await world.runUntil(() => ended() || Boolean(this.#crash?.pending), 30 * 86_400_000).then(() => true, () => false);
        if (await this.#restartIfKilled()) continue;
        if (!moved || ended()) break;
      }
      await world.clock.settle();
      await this.#restartIfKilled();
    } finally {
      world.emulator.clearFaults();
      this.#crash = undefined;
    }
    const cell = await this.#classify(plan, name, before, started);
    if (cell.state !== "Completed" && cell.state !== "RolledBack") this.#cluster = undefined;
    progressLine(cell);
    return cell;
  }

  async #restartIfKilled(): Promise<boolean> {
    if (!this.#crash?.pending) return false;
    await this.#crash.pending;
    delete this.#crash.pending;
    this.world.runtime = await this.world.runtime.restart();
    return true;
  }

  async #classify(plan: CellPlan, name: string, before: { versions: Set<string>; trust: string[] }, started: number): Promise<Cell> {
    const world = this.world;
    const status = world.runtime.status(rotationIdOf(name));
    await settleNodes(world, name);
    const created = (await certificatesMade(world, name)).filter((v) => !before.versions.has(v.version));
    const trust = trustedThumbprints(world, name);
    const broken = await invariantViolations(world, name);
    const pending = created.filter((v) => v.stage === "pending").map((v) => `pending version of ${v.name}`);
    const added = trust.filter((t) => !before.trust.includes(t)).map((t) => `trust entry ${t.slice(0, 8)}`);
    const removed = before.trust.filter((t) => !trust.includes(t)).map((t) => `removed trust entry ${t.slice(0, 8)}`);
    const runtimeStatus = status?.runtimeStatus ?? "Pending";
    const state = !TERMINAL.has(runtimeStatus)
      ? "Stuck"
      : broken.length
      ? `${runtimeStatus} (invariant broken)`
      : runtimeStatus === "Completed"
      ? "Completed"
      : runtimeStatus === "Failed" && !pending.length && !added.length && !removed.length
      ? "RolledBack"
      : `${runtimeStatus} (rollback incomplete)`;
    return {
      cluster: name,
      row: plan.row,
      column: plan.column,
      state,
      ms: Date.now() - started,
      left: state === "Completed" ? pending : [...pending, ...added, ...removed, ...broken],
      duplicates: duplicateVersions(created),
      ...(runtimeStatus === "Failed" ? { note: String(status?.output ?? "").replace(/^Orchestrator function '[^']+' failed: /, "") } : {}),
    };
  }
}
