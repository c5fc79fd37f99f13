// The rotation's rollback, the way provisioning has its compensation stack: each undo is pushed before
// its forward step and the stack runs newest first. Promotion clears it (verified certificates that are
// trusted next to the old ones are never undone; a later rotation finishes the tags).
import type * as df from "durable-functions";
import type { Gen } from "./steps.js";

type UndoKind = "trust" | "stage";

export class UndoStack {
  private entries: Array<{ kind: UndoKind; undo: () => Gen<void> }> = [];

  push(kind: UndoKind, undo: () => Gen<void>): void {
    this.entries.push({ kind, undo });
  }

  clear(): void {
    this.entries = [];
  }

  *run(ctx: df.OrchestrationContext): Gen<void> {
    // Instances started before version 2 (host.json defaultVersion) restored the trust list first and then
    // marked versions failed in the order they were made; they replay that order (durable-runtime.md §8).
    const order = ctx.df.version
      ? [...this.entries].reverse()
      : [...this.entries.filter((e) => e.kind === "trust"), ...this.entries.filter((e) => e.kind !== "trust")];
    if (Number(ctx.df.version || 0) < 3) {
      for (const entry of order) yield* entry.undo();
      return;
    }
    // Version 3: one failing undo (a trust write the cluster keeps refusing) no longer stops the rest, so the pending
    // versions are still tagged failed; the first failure is reported once every undo has been tried.
    let first: unknown;
    for (const entry of order) {
      try {
        yield* entry.undo();
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== undefined) throw first;
  }
}
