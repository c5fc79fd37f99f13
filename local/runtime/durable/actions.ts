// Orchestrator actions as durable-functions 3.x sends them in OrchestratorState (durable-runtime.md §3.3–3.4).

export enum ActionType {
  CallActivity = 0,
  CallActivityWithRetry = 1,
  CallSubOrchestrator = 2,
  CallSubOrchestratorWithRetry = 3,
  ContinueAsNew = 4,
  CreateTimer = 5,
  WaitForExternalEvent = 6,
  CallEntity = 7,
  CallHttp = 8,
  SignalEntity = 9,
  WhenAny = 11,
  WhenAll = 12,
  LockEntities = 13,
  ReleaseEntities = 14,
}

export interface WireRetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

export interface WireAction {
  actionType: ActionType;
  functionName?: string;
  input?: unknown;
  retryOptions?: WireRetryOptions;
  instanceId?: string;
  version?: string;
  fireAt?: string;
  isCanceled?: boolean;
  externalEventName?: string;
  compoundActions?: WireAction[];
}

export interface OrchestratorState {
  isDone: boolean;
  actions: WireAction[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
  schemaVersion?: number;
  failureDetails?: Record<string, unknown>;
}

/** Depth-first, left to right through WhenAll/WhenAny — the order the SDK numbers tasks in (§4.1 rule 2). */
export function flattenActions(actions: WireAction[]): WireAction[] {
  return actions.flatMap((a) =>
    a.actionType === ActionType.WhenAll || a.actionType === ActionType.WhenAny ? flattenActions(a.compoundActions ?? []) : [a],
  );
}

/** What must stay the same between replays for the action at a given position (§4.2). */
export function actionIdentity(action: WireAction): string {
  const name = action.functionName ?? action.externalEventName ?? "";
  return `${ActionType[action.actionType] ?? action.actionType}(${name})`;
}

const UNSUPPORTED = new Set([
  ActionType.CallEntity,
  ActionType.CallHttp,
  ActionType.SignalEntity,
  ActionType.LockEntities,
  ActionType.ReleaseEntities,
]);

export const isUnsupportedAction = (action: WireAction) => UNSUPPORTED.has(action.actionType);
