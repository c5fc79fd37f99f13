// Counts in-flight work (episodes, activities, child starts) so callers can await "nothing left to do
// except wait for time or events" — what a virtual clock needs before it moves on.

export class WorkTracker {
  #inFlight = 0;
  #waiters: Array<() => void> = [];

  track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight++;
    const done = () => {
      this.#inFlight--;
      if (this.#inFlight === 0) setImmediate(() => this.#wakeIfIdle());
    };
    work.then(done, done);
    return work;
  }

  get busy(): boolean {
    return this.#inFlight > 0;
  }

  /** Resolves once nothing is in flight — re-checked a macrotask later, as finished work often starts more. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      setImmediate(() => this.#wakeIfIdle());
    });
  }

  #wakeIfIdle(): void {
    if (this.#inFlight > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
