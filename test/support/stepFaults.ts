// Fault injection for the provisioning step-failure tests (provisioning/stepFailures.test.ts and
// provisioning/datacenterStepFailures.test.ts): an emulator fault rule on one path, and a saga run to its end with
// its endpoint approved as soon as the wait begins.
import type { FaultRuleInput } from "../../local/emulator/core/faults.js";
import type { LocalWorld } from "./localWorld.js";
import { decideEndpoint, requestFor, startProvisioning, untilEnded, untilWaitingForApproval } from "./provisioningScenario.js";

export const CLUSTERS = `/providers/Microsoft.DocumentDB/cassandraClusters`;
export const injected = { error: { code: "InjectedFault", message: "Injected by the test" } };

export function inject(world: LocalWorld, method: string, pathEnd: string, response: FaultRuleInput["response"], times?: number): void {
  world.emulator.addFault({ match: { method, pathPattern: `${pathEnd.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` }, response, ...(times ? { times } : {}) });
}

/** Starts the saga, approves its endpoint when the wait begins, and runs it to its end. */
export async function provisionApproved(world: LocalWorld, name: string, ip: string) {
  await startProvisioning(world, requestFor(name, ip));
  await untilWaitingForApproval(world, name);
  decideEndpoint(world, name, "Approved");
  return untilEnded(world, name);
}

export const deleted = (...actions: string[]) => actions.map((action) => ({ action, outcome: "deleted" }));
