// Invokes a registered function the way the Node worker's InvocationHandler does (durable-runtime.md §2.3):
// ProgrammingModel → InvocationModel.getArguments → preInvocation hooks → invokeFunction →
// postInvocation hooks → getResponse. All conversions are the real library's.
import { randomUUID } from "node:crypto";
import type { CoreInvocationContext, CoreInvocationResponse, HookName, RpcParameterBinding, RpcTypedData } from "./coreTypes.js";
import { coreApi, programmingModel } from "./fakeCore.js";
import type { AppFunction, FunctionRegistry } from "./registry.js";

export type InvocationOutcome = { ok: true; response: CoreInvocationResponse } | { ok: false; error: unknown };

function readOnly<T extends object>(target: T, props: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(props)) {
    Object.defineProperty(target, key, {
      get: () => value,
      set: () => {
        throw new Error(`Cannot assign to read only property '${key}'`);
      },
      enumerable: true,
    });
  }
  return target;
}

const isErrorLike = (value: unknown): value is Error =>
  typeof value === "object" && value !== null && "message" in value;

async function runHooks(registry: FunctionRegistry, name: HookName, context: Record<string, unknown>): Promise<void> {
  for (const hook of registry.capture.hooks[name]) await hook(context);
}

export async function invoke(
  registry: FunctionRegistry,
  fn: AppFunction,
  inputData: RpcParameterBinding[],
  triggerMetadata: Record<string, RpcTypedData> = {},
): Promise<InvocationOutcome> {
  const invocationId = randomUUID();
  const coreCtx: CoreInvocationContext = {
    invocationId,
    metadata: fn.registration.metadata,
    state: undefined,
    request: { invocationId, functionId: fn.name, inputData, triggerMetadata },
    log: (level, category, message) =>
      category === "user" ? registry.logSink?.(level, fn.name, message) : coreApi.log(level, category, `${fn.name}: ${message}`),
  };
  const model = programmingModel().getInvocationModel(coreCtx);
  const { context, inputs } = await model.getArguments();
  const shared = { hookData: {}, appHookData: registry.capture.appHookData, invocationContext: context };

  const pre = readOnly({ functionCallback: fn.registration.handler, inputs }, shared);
  coreCtx.state = "preInvocationHooks";
  try {
    await runHooks(registry, "preInvocation", pre);
  } finally {
    coreCtx.state = undefined;
  }

  const post = readOnly({ inputs: pre.inputs, result: null as unknown, error: null as unknown }, shared);
  coreCtx.state = "invocation";
  try {
    post.result = await model.invokeFunction(context, pre.inputs, pre.functionCallback);
  } catch (error) {
    post.error = error;
  } finally {
    coreCtx.state = undefined;
  }

  coreCtx.state = "postInvocationHooks";
  try {
    await runHooks(registry, "postInvocation", post);
  } catch (error) {
    return { ok: false, error };
  } finally {
    coreCtx.state = undefined;
  }
  // The worker rethrows only error-like values; anything else thrown counts as success (worker `isError`).
  if (isErrorLike(post.error)) return { ok: false, error: post.error };
  return { ok: true, response: await model.getResponse(context, post.result) };
}

/** For reports: the stack of an error-like value, else its text. */
export function describeError(error: unknown, withStack = true): string {
  if (!isErrorLike(error)) return String(error);
  return withStack && typeof error.stack === "string" ? error.stack : String(error.message);
}

/** appStart / appTerminate hooks, with the app-wide hookData the worker keeps. */
export async function runAppHook(registry: FunctionRegistry, name: "appStart" | "appTerminate"): Promise<void> {
  await runHooks(registry, name, readOnly({}, { hookData: registry.capture.appHookData }));
}
