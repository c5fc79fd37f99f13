// Timer triggers: fired on their schedule by the runtime clock (optional; tests usually fire on demand),
// on start-up when `runOnStartup` is set, and on demand (like the host's POST /admin/functions/<name>).
import type { CancelAlarm, Clock } from "../clock.js";
import { describeError, invoke, type InvocationOutcome } from "../core/invoker.js";
import type { AppFunction, FunctionRegistry } from "../core/registry.js";
import { jsonData } from "../core/rpcData.js";
import { triggerInputs, type ClientDataProvider } from "../core/triggerInputs.js";
import type { WorkTracker } from "../durable/workTracker.js";
import { resolveAppSettings } from "../hostConfig.js";
import { parseSchedule, type Schedule } from "./cron.js";

export interface TimerTriggerDeps {
  registry: FunctionRegistry;
  clock: Clock;
  tracker: WorkTracker;
  clientData: ClientDataProvider;
  report(message: string): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class TimerTriggers {
  readonly #alarms = new Map<string, CancelAlarm>();
  readonly #lastFired = new Map<string, number>();

  constructor(private readonly deps: TimerTriggerDeps) {}

  #schedule(fn: AppFunction): Schedule {
    return parseSchedule(resolveAppSettings(String(fn.trigger.schedule ?? "")));
  }

  /** Arms every timer trigger on its schedule; `runOnStartup` ones also fire now. */
  startSchedules(): void {
    for (const fn of this.deps.registry.ofKind("timer")) {
      this.#arm(fn, this.#schedule(fn));
      if (fn.trigger.runOnStartup === true) void this.fire(fn.name);
    }
  }

  #arm(fn: AppFunction, schedule: Schedule): void {
    const at = schedule.next(this.deps.clock.now());
    this.#alarms.set(fn.name, this.deps.clock.schedule(at, () => {
      void this.fire(fn.name, schedule).finally(() => this.#alarms.has(fn.name) && this.#arm(fn, schedule));
    }));
  }

  /** Runs the function now, with the trigger payload the host sends (camel-cased by the library). */
  fire(name: string, schedule?: Schedule): Promise<InvocationOutcome> {
    const fn = this.deps.registry.find(name, "timer");
    if (!fn) return Promise.reject(new Error(`No timer trigger named '${name}'.`));
    const now = this.deps.clock.now();
    const last = this.#lastFired.get(fn.name);
    this.#lastFired.set(fn.name, now);
    const status = schedule && { Last: iso(last ?? now), Next: iso(schedule.next(now)), LastUpdated: iso(now) };
    const payload = { Schedule: { AdjustForDST: true }, ScheduleStatus: status ?? null, IsPastDue: false };
    const run = invoke(this.deps.registry, fn, triggerInputs(fn, jsonData(payload), this.deps.clientData)).then((outcome) => {
      if (!outcome.ok) this.deps.report(`Timer function '${fn.name}' failed: ${describeError(outcome.error)}`);
      return outcome;
    });
    return this.deps.tracker.track(run);
  }

  stop(): void {
    for (const cancel of this.#alarms.values()) cancel();
    this.#alarms.clear();
  }
}
