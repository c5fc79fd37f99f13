// Whether an orchestration episode ended its saga, read from what the durable-functions handler returned (an
// OrchestratorState with isDone) or threw (OrchestrationFailureError, whose message carries the state after
// "$OutOfProcData$:", durable-functions TaskOrchestrationExecutor): the saga's outcome, and the notification a rollback or a failed rotation calls for.
import type { SagaEnd } from "./emit.js";
import type { Notification } from "./notify.js";
import { orchestrations as O } from "../names.js";

const WATCHED = new Set<string>([O.provisionVpnCluster, O.undoProvisioning, O.rotateClusterCertificates, O.rotateFleet, O.rotateFleetPaced]);
const OUT_OF_PROC = "\n\n$OutOfProcData$:";

interface Status {
  steps?: Array<{ step: string }>;
  failure?: { step: string; reason: string };
  compensation?: Array<{ action: string; outcome: string }>;
}
interface State { isDone?: boolean; output?: unknown; error?: string; customStatus?: Status }
interface Payload { instanceId?: string; input?: { cluster?: { resourceGroup?: string; clusterName?: string } } }

function failedState(error: unknown): { reason: string; state: State } {
  const message = String((error as Error)?.message ?? error);
  const at = message.indexOf(OUT_OF_PROC);
  let state: State = {};
  try { state = at >= 0 ? (JSON.parse(message.slice(at + OUT_OF_PROC.length)) as State) : {}; } catch { /* no state attached */ }
  // The library throws OrchestrationFailureError(orchestratorReturned, state): the message's head is a boolean, the
  // orchestrator's own error is state.error.
  const reason = state.error ?? state.customStatus?.failure?.reason ?? (at >= 0 ? message.slice(0, at) : message);
  return { reason: reason.split("\n")[0]!, state };
}

const compensationOf = (status: Status | undefined, output?: unknown) =>
  (status?.compensation ?? (output as { compensation?: Status["compensation"] } | undefined)?.compensation ?? []).map((c) => `${c.action}: ${c.outcome}`);

export function sagaEnd(orchestration: string, trigger: unknown, result: unknown, error: unknown): { record: SagaEnd; notification?: Notification } | undefined {
  if (!WATCHED.has(orchestration)) return undefined;
  const payload = (trigger ?? {}) as Payload;
  const instanceId = String(payload.instanceId ?? "");
  const ref = payload.input?.cluster;
  const cluster = ref ? `${ref.resourceGroup}/${ref.clusterName}` : "";
  const base = { orchestration, instanceId, ...(cluster ? { cluster } : {}) };
  if (error) {
    const { reason, state } = failedState(error);
    const compensation = compensationOf(state.customStatus);
    const rolledBack = orchestration === O.rotateClusterCertificates
      ? (state.customStatus?.steps ?? []).some((s) => s.step === "rollback") : compensation.length > 0;
    const record: SagaEnd = { ...base, status: "Failed", reason, rolledBack, compensation };
    if (orchestration === O.rotateClusterCertificates) return { record, notification: { event: "RotationFailed", instanceId, cluster, reason, compensation } };
    if (orchestration === O.provisionVpnCluster) return { record, notification: { event: "ProvisioningRolledBack", instanceId, cluster, reason, compensation } };
    return { record };
  }
  const state = (result ?? {}) as State;
  if (!state.isDone) return undefined;
  // A fleet execution that continued as new has not ended: it answers no output (rotateFleetPaced.orchestrator.ts).
  if (orchestration === O.rotateFleetPaced && state.output == null) return undefined;
  const action = (state.output as { action?: string } | undefined)?.action;
  const record: SagaEnd = { ...base, status: "Completed", rolledBack: orchestration === O.undoProvisioning, ...(action ? { action } : {}) };
  if (orchestration === O.undoProvisioning) {
    const compensation = compensationOf(state.customStatus, state.output);
    return { record: { ...record, compensation }, notification: { event: "ProvisioningUndone", instanceId, cluster, reason: "stopped by request with compensate=true", compensation } };
  }
  return { record };
}
