// How failures cross the wire (durable-runtime.md §3.2–3.3, §5, pitfall 11). Two host dialects:
// "classic" (Reason + Details → user code sees `Error("<Reason> \n <Details>")`) and "failureDetails"
// (FailureDetails → user code sees TaskFailedError "<ErrorType>: <ErrorMessage>").
import { returnValueAsJson } from "../core/rpcData.js";
import type { InvocationOutcome } from "../core/invoker.js";
import type { OrchestratorState } from "./actions.js";
import type { FailurePayload } from "./history.js";

export type FailureMode = "classic" | "failureDetails";

interface ErrorParts {
  name: string;
  message: string;
  stack: string | undefined;
}

function errorParts(error: unknown): ErrorParts {
  if (typeof error === "object" && error !== null) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      name: typeof e.name === "string" ? e.name : "Error",
      message: String(e.message ?? ""),
      stack: typeof e.stack === "string" ? e.stack : undefined,
    };
  }
  return { name: "Error", message: String(error), stack: undefined };
}

/** Approximation of the serialized .NET exception the classic host puts in `Details`. */
function classicDetails(parts: ErrorParts): string {
  return JSON.stringify({
    ClassName: "Microsoft.Azure.WebJobs.Script.Workers.Rpc.RpcException",
    Message: `Result: Failure\nException: ${parts.message}\nStack: ${parts.stack ?? ""}`,
    StackTraceString: null,
  });
}

/** durable-functions' ExceptionPropertiesProvider puts a FailureDetails JSON into the message. */
function providerFailureDetails(message: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(message) as Record<string, unknown>;
    if (typeof parsed.errorType !== "string" || typeof parsed.errorMessage !== "string") return undefined;
    return {
      ErrorType: parsed.errorType,
      ErrorMessage: parsed.errorMessage,
      StackTrace: parsed.stackTrace,
      IsNonRetriable: parsed.isNonRetriable ?? false,
      Properties: parsed.properties,
    };
  } catch {
    return undefined;
  }
}

export function activityFailure(activityName: string, error: unknown, mode: FailureMode): FailurePayload {
  const parts = errorParts(error);
  if (mode === "classic") {
    return { Reason: `Activity function '${activityName}' failed: ${parts.message}`, Details: classicDetails(parts) };
  }
  return {
    FailureDetails: providerFailureDetails(parts.message) ?? {
      ErrorType: parts.name,
      ErrorMessage: parts.message,
      StackTrace: parts.stack,
      IsNonRetriable: false,
    },
  };
}

/** What a parent receives when its sub-orchestration failed or was terminated (DTFx: Failed and Terminated alike). */
export function subOrchestrationFailure(output: string, details: string | undefined, mode: FailureMode): FailurePayload {
  if (mode === "classic") return { Reason: output, Details: details ?? "" };
  return { FailureDetails: { ErrorType: "OrchestrationFailureException", ErrorMessage: output, StackTrace: details } };
}

const OUT_OF_PROC_LABEL = "\n\n$OutOfProcData$:";

export interface ParsedOrchestratorOutcome {
  state: OrchestratorState | undefined;
  /** Set when user code failed; the host reports `Orchestrator function '<name>' failed: <error>`. */
  error?: string;
  stack?: string;
}

/** Success returns the state; failure throws OrchestrationFailureError carrying it after a label (§3.3). */
export function parseOrchestratorOutcome(outcome: InvocationOutcome): ParsedOrchestratorOutcome {
  if (outcome.ok) {
    const state = returnValueAsJson(outcome.response.returnValue) as OrchestratorState;
    return state.error === undefined ? { state } : { state, error: state.error };
  }
  const { message, stack } = errorParts(outcome.error);
  const at = message.indexOf(OUT_OF_PROC_LABEL);
  if (at < 0) return { state: undefined, error: message, stack };
  const state = JSON.parse(message.slice(at + OUT_OF_PROC_LABEL.length)) as OrchestratorState;
  return { state, error: state.error ?? message.slice(0, at), stack };
}
