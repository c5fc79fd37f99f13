// A typed view of what the app's composition root registered (durable-runtime.md §2.2): one list, read
// from the fake core's capture — the runtime keeps no second list of functions.
import type { BindingMetadata, RegisteredFunction } from "./coreTypes.js";
import type { AppCapture } from "./fakeCore.js";

export type FunctionKind = "orchestration" | "activity" | "entity" | "http" | "timer" | "eventGrid" | "other";

export interface AppFunction {
  name: string;
  kind: FunctionKind;
  /** Binding name of the trigger (a hash unless the app named it). */
  triggerBindingName: string;
  trigger: BindingMetadata;
  /** Binding names of `durableClient` inputs (legacy `orchestrationClient` too), §2.4. */
  durableClientBindings: string[];
  registration: RegisteredFunction;
}

const KIND_BY_TRIGGER: Record<string, FunctionKind> = {
  orchestrationtrigger: "orchestration",
  activitytrigger: "activity",
  entitytrigger: "entity",
  httptrigger: "http",
  timertrigger: "timer",
  eventgridtrigger: "eventGrid",
};

const isTrigger = (binding: BindingMetadata) => /trigger$/i.test(binding.type);
const isDurableClient = (binding: BindingMetadata) =>
  binding.direction === "in" && /^(durableClient|orchestrationClient)$/i.test(binding.type);

function describe(registration: RegisteredFunction): AppFunction {
  const { name, bindings } = registration.metadata;
  const entries = Object.entries(bindings);
  const triggerEntry = entries.find(([, binding]) => isTrigger(binding));
  if (!triggerEntry) throw new Error(`Function "${name}" has no trigger binding.`);
  const [triggerBindingName, trigger] = triggerEntry;
  return {
    name,
    kind: KIND_BY_TRIGGER[trigger.type.toLowerCase()] ?? "other",
    triggerBindingName,
    trigger,
    durableClientBindings: entries.filter(([, binding]) => isDurableClient(binding)).map(([key]) => key),
    registration,
  };
}

/** Where `context.log` output of the app's functions goes (the worker forwards it to the host's logs). */
export type FunctionLogSink = (level: string, functionName: string, message: string) => void;

export class FunctionRegistry {
  readonly #functions: Map<string, AppFunction>;
  /** Each runtime gets its own registry view, hence its own sink. */
  logSink: FunctionLogSink | undefined;

  constructor(readonly capture: AppCapture) {
    this.#functions = new Map([...capture.functions.values()].map((r) => [r.metadata.name, describe(r)]));
  }

  all(): AppFunction[] {
    return [...this.#functions.values()];
  }

  ofKind(kind: FunctionKind): AppFunction[] {
    return this.all().filter((f) => f.kind === kind);
  }

  /** Function names are case-insensitive in the Functions host. */
  find(name: string, kind?: FunctionKind): AppFunction | undefined {
    const exact = this.#functions.get(name);
    const found = exact ?? this.all().find((f) => f.name.toLowerCase() === name.toLowerCase());
    return found && (kind === undefined || found.kind === kind) ? found : undefined;
  }
}
