// The rotation's rollback order: newest first for instances of version 2 and later; instances started
// before versioning (no version) replay the order they were recorded with: trust first, then stages in order.
import type * as df from "durable-functions";
import { describe, expect, it } from "vitest";
import { UndoStack } from "../../../orchestrations/undoStack.js";

function ranOrder(version: string | undefined, build: (stack: UndoStack, undo: (label: string) => () => Generator<never, void, unknown>) => void): string[] {
  const ran: string[] = [];
  const stack = new UndoStack();
  build(stack, (label) => function* () {
    ran.push(label);
  });
  const ctx = { df: { version } } as unknown as df.OrchestrationContext;
  const gen = stack.run(ctx);
  while (!gen.next().done);
  return ran;
}

const rotation = (stack: UndoStack, undo: (label: string) => () => Generator<never, void, unknown>) => {
  stack.push("stage", undo("ca failed"));
  stack.push("trust", undo("untrust ca"));
  stack.push("stage", undo("client a failed"));
  stack.push("stage", undo("client b failed"));
};

describe("UndoStack", () => {
  it("undoes newest first for versioned instances", () => {
    expect(ranOrder("2", rotation)).toEqual(["client b failed", "client a failed", "untrust ca", "ca failed"]);
  });

  it("replays the pre-versioning order for instances without a version", () => {
    expect(ranOrder(undefined, rotation)).toEqual(["untrust ca", "ca failed", "client a failed", "client b failed"]);
    expect(ranOrder("", rotation)).toEqual(["untrust ca", "ca failed", "client a failed", "client b failed"]);
  });

  it("undoes nothing after clear (promotion)", () => {
    expect(ranOrder("2", (stack, undo) => {
      rotation(stack, undo);
      stack.clear();
      stack.push("trust", undo("re-trust old ca"));
    })).toEqual(["re-trust old ca"]);
  });
});
