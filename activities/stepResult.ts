// How an activity answers. Transient Azure failures are thrown so the durable retry policy acts on them;
// everything else comes back as a value the orchestrator decides on (house-style.md "Errors are values").
import type { InvocationContext } from "@azure/functions";
import { toAzureError } from "../src/adapters/errors.js";
import type { ActivityName, DeletionState, InputOf, OutputOf, StepResult } from "./contracts.js";

export type ActivityHandler<N extends ActivityName> = (input: InputOf<N>, context: InvocationContext) => Promise<StepResult<OutputOf<N>>>;

/** A failure the activity itself detects (e.g. a resource exists but is not what was asked for). */
export class PermanentProblem extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** An activity implementing its contract; `description` names it in error messages ("ensure cluster: …"). */
export function defineActivity<N extends ActivityName>(_name: N, description: string, run: (input: InputOf<N>, context: InvocationContext) => Promise<OutputOf<N>>): ActivityHandler<N> {
  return async (input, context) => {
    try {
      return { ok: true, value: await run(input, context) };
    } catch (error) {
      if (error instanceof PermanentProblem) return { ok: false, kind: "permanent", code: error.code, message: error.message };
      const mapped = toAzureError(error, description);
      if (mapped.kind === "transient") throw mapped;
      return { ok: false, kind: mapped.kind, ...(mapped.code ? { code: mapped.code } : {}), message: mapped.message };
    }
  };
}

/** The compensation step every delete activity shares: absent, someone else's, or (started) deleting. */
export async function deleteIfOwned<T extends { provisioningState?: string | undefined }>(
  resource: T | undefined,
  owned: (resource: T) => boolean,
  beginDelete: () => Promise<void>,
): Promise<DeletionState> {
  if (!resource) return "absent";
  if (!owned(resource)) return "notOwned";
  if (resource.provisioningState !== "Deleting") await beginDelete();
  return "deleting";
}

/** A reading for the orchestrator: JSON-clean, without the fields Azure did not report. */
export function reading<T extends Record<string, unknown>>(fields: T): { exists: true } & Partial<T> {
  return { exists: true, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as { exists: true } & Partial<T>;
}
