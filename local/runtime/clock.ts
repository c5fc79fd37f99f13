// Time for the runtime: orchestration timers, retry back-off, OrchestratorStarted timestamps and timer
// triggers all read this clock (durable-runtime.md §1, decision 4). Real in `npm start`; virtual in tests,
// where advancing fires due alarms in order and lets every registered settler (runtime, emulator) go idle
// after each one, so a 24 h wait costs only the work it triggers.

export type CancelAlarm = () => void;

export interface Clock {
  readonly mode: "real" | "virtual";
  /** Milliseconds since the epoch. Share it: an emulator takes `now: () => clock.now()`. */
  now(): number;
  /** Calls `fire` once, at or after `at`. */
  schedule(at: number, fire: () => void): CancelAlarm;
}

// setTimeout holds at most a signed 32-bit delay; longer alarms re-arm.
const MAX_TIMEOUT_MS = 2_147_483_647;

export class RealClock implements Clock {
  readonly mode = "real";

  now(): number {
    return Date.now();
  }

  schedule(at: number, fire: () => void): CancelAlarm {
    let handle: NodeJS.Timeout;
    const arm = () => {
      const delay = at - Date.now();
      if (delay <= 0) return fire();
      handle = setTimeout(arm, Math.min(delay, MAX_TIMEOUT_MS));
      handle.unref();
    };
    handle = setTimeout(arm, 0);
    handle.unref();
    return () => clearTimeout(handle);
  }
}

interface Alarm {
  at: number;
  seq: number;
  fire: () => void;
}

export type Settler = () => Promise<void>;

export class VirtualClock implements Clock {
  readonly mode = "virtual";
  #now: number;
  #seq = 0;
  readonly #alarms = new Set<Alarm>();
  readonly #settlers = new Set<Settler>();

  constructor(startAt: number = Date.now()) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  schedule(at: number, fire: () => void): CancelAlarm {
    const alarm: Alarm = { at, seq: this.#seq++, fire };
    this.#alarms.add(alarm);
    return () => this.#alarms.delete(alarm);
  }

  /** Work that must finish before virtual time moves on (e.g. a runtime's idle()). Returns an unregister. */
  addSettler(settler: Settler): () => void {
    this.#settlers.add(settler);
    return () => this.#settlers.delete(settler);
  }

  /** The earliest pending alarm time, if any. */
  nextAlarmAt(): number | undefined {
    return this.#earliest()?.at;
  }

  async settle(): Promise<void> {
    for (const settler of [...this.#settlers]) await settler();
  }

  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  /** Fires every alarm due up to `target` at its own time, settling after each; then stops at `target`. */
  async advanceTo(target: number): Promise<void> {
    await this.settle();
    for (let alarm = this.#earliest(); alarm && alarm.at <= target; alarm = this.#earliest()) {
      this.#alarms.delete(alarm);
      this.#now = Math.max(this.#now, alarm.at);
      alarm.fire();
      await this.settle();
    }
    this.#now = Math.max(this.#now, target);
    await this.settle();
  }

  #earliest(): Alarm | undefined {
    let best: Alarm | undefined;
    for (const a of this.#alarms) if (!best || a.at < best.at || (a.at === best.at && a.seq < best.seq)) best = a;
    return best;
  }
}

/**
 * "Instantly advanced" time for a running host (startLocalRuntime with clock: "virtual"): whenever every
 * settler is idle and an alarm is pending, jump to it. Returns a stop function.
 */
export function fastForward(clock: VirtualClock, pollMs = 10): () => void {
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      await clock.settle();
      const next = clock.nextAlarmAt();
      if (!stopped && next !== undefined) await clock.advanceTo(next);
    })().finally(() => (busy = false));
  }, pollMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
