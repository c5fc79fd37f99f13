// Stand-in for `@azure/functions-core`, the module the Node worker injects (durable-runtime.md §2.1–2.2).
// @azure/functions resolves it lazily with `require` on its first registration and caches the answer
// (a miss switches it to "test mode" for the life of the process), so install() must run before the
// app's first `app.*` / `df.app.*` call. The library is a CommonJS bundle, so a Module.prototype.require
// proxy covers ESM apps too.
import Module from "node:module";
import type {
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  HookName,
  ProgrammingModel,
  RegisteredFunction,
} from "./coreTypes.js";

/** Everything one app entry registered while it was being imported. */
export interface AppCapture {
  functions: Map<string, RegisteredFunction>;
  hooks: Record<HookName, HookCallback[]>;
  /** `appHookData` shared by all hooks of the app, as the worker keeps it. */
  appHookData: Record<string, unknown>;
}

class Disposable {
  #dispose: (() => void) | undefined;
  constructor(dispose: () => void) {
    this.#dispose = dispose;
  }
  dispose(): void {
    this.#dispose?.();
    this.#dispose = undefined;
  }
}

interface CoreState {
  programmingModel: ProgrammingModel | undefined;
  capturing: AppCapture | undefined;
}

// One state per process even if this module is instantiated twice (vitest module graphs, tsx + import).
const STATE_KEY = Symbol.for("local-runtime.fake-functions-core");
const globals = globalThis as { [STATE_KEY]?: CoreState };
const state: CoreState = (globals[STATE_KEY] ??= { programmingModel: undefined, capturing: undefined });

function captureOrThrow(what: string): AppCapture {
  // The real worker rejects registrations after start-up the same way.
  if (!state.capturing) throw new Error(`${what}: a function can only be registered during app startup (while the entry module loads).`);
  return state.capturing;
}

export const coreApi = {
  version: "3.10.1-local",
  hostVersion: "4.1037.0-local",
  Disposable,
  setProgrammingModel(model: ProgrammingModel): void {
    state.programmingModel = model;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return state.programmingModel;
  },
  registerFunction(metadata: FunctionMetadata, handler: FunctionCallback): Disposable {
    const functions = captureOrThrow(`registerFunction("${metadata.name}")`).functions;
    if (functions.has(metadata.name)) {
      throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
    }
    functions.set(metadata.name, { metadata, handler });
    return new Disposable(() => functions.delete(metadata.name));
  },
  registerHook(name: HookName, callback: HookCallback): Disposable {
    const hooks = captureOrThrow(`registerHook("${name}")`).hooks[name];
    hooks.push(callback);
    return new Disposable(() => hooks.splice(hooks.indexOf(callback), 1));
  },
  log(level: string, category: string, message: string): void {
    if (process.env.DF_LOCAL_DEBUG) console.log(`[${level}/${category}] ${message}`);
  },
};

const CORE_MODULE_ID = "@azure/functions-core";
const PROXY_MARK = Symbol.for("local-runtime.fake-functions-core.proxy");

/** Idempotent: makes `require("@azure/functions-core")` return the fake core in this process. */
export function installFakeCore(): void {
  const proto = Module.prototype as unknown as { require: NodeJS.Require & { [PROXY_MARK]?: true } };
  if (proto.require[PROXY_MARK]) return;
  const proxy = new Proxy(proto.require, {
    apply: (target, self, args: unknown[]) =>
      args[0] === CORE_MODULE_ID ? coreApi : Reflect.apply(target, self, args),
  });
  Object.defineProperty(proxy, PROXY_MARK, { value: true });
  proto.require = proxy;
}

export function programmingModel(): ProgrammingModel {
  if (!state.programmingModel) {
    throw new Error("@azure/functions never called setProgrammingModel: the app registered no functions through the fake core.");
  }
  return state.programmingModel;
}

/** Runs `load` with registrations routed into a fresh capture. Callers serialize loads. */
export async function captureRegistrations(load: () => Promise<unknown>): Promise<AppCapture> {
  installFakeCore();
  const capture: AppCapture = {
    functions: new Map(),
    hooks: { appStart: [], appTerminate: [], preInvocation: [], postInvocation: [], log: [] },
    appHookData: {},
  };
  state.capturing = capture;
  try {
    await load();
  } finally {
    state.capturing = undefined;
  }
  return capture;
}
