// What the host checks before it starts an orchestration (durable-runtime.md §5 "start"; pitfall 10).
import type { FunctionRegistry } from "../core/registry.js";
import { isTerminal, type InstanceRecord } from "./instance.js";
import { instanceIdProblem, newInstanceId } from "./lifecycle.js";

/** A start the host refuses; `status` is what the HTTP API answers. */
export class StartError extends Error {
  constructor(readonly status: 400 | 409, message: string) {
    super(message);
  }
}

/** The registered orchestrator name and the instance id to use, or a StartError. */
export function checkStart(
  registry: FunctionRegistry,
  records: ReadonlyMap<string, InstanceRecord>,
  name: string,
  requestedId: string | undefined,
): { name: string; instanceId: string } {
  const fn = registry.find(name, "orchestration");
  if (!fn) throw new StartError(400, `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
  const instanceId = requestedId ?? newInstanceId();
  const problem = instanceIdProblem(instanceId);
  if (problem) throw new StartError(400, problem);
  const existing = records.get(instanceId);
  // overridableExistingInstanceStates = NonRunningStates: finished instances are replaced, live ones refused,
  // with 409 (3.19.0 HttpApiHandler catches OrchestrationAlreadyExistsException; docs/real-extension.md #3).
  if (existing && !isTerminal(existing.runtimeStatus)) {
    throw new StartError(409, `An Orchestration instance with the status ${existing.runtimeStatus} already exists.`);
  }
  return { name: fn.name, instanceId };
}
