// The worker's `inputData` for a non-orchestrator invocation: the trigger value plus, for every
// `durableClient` input binding, the client payload of durable-runtime.md §6.1 as a JSON string.
import type { RpcParameterBinding, RpcTypedData } from "./coreTypes.js";
import type { AppFunction } from "./registry.js";

export type ClientDataProvider = () => unknown;

export function triggerInputs(fn: AppFunction, trigger: RpcTypedData | undefined, clientData: ClientDataProvider): RpcParameterBinding[] {
  const clients = fn.durableClientBindings.map((name) => ({ name, data: { string: JSON.stringify(clientData()) } }));
  return [{ name: fn.triggerBindingName, data: trigger }, ...clients];
}
