// The emulator's delay fault (`response: { delayMs }`) waits on node:timers/promises' setTimeout. A test file that
// mocks that module with `withHeldSetTimeout` holds every such delay until the test releases it: the test sees the
// request arrive, knows it is held, and decides when it is answered. No wall-clock race, no sleep.
//
//   vi.mock("node:timers/promises", async (importOriginal) =>
//     (await import("../../support/heldDelays.js")).withHeldSetTimeout(await importOriginal()));
//
// Only modules vitest loads itself see the mock (the emulator does; the Azure SDKs in node_modules do not).

export interface HeldDelay {
  /** The delay asked for, in ms (the fault rule's delayMs). */
  readonly ms: number;
  /** Ends the delay: the emulator goes on to answer the request. */
  release(): void;
}

const unclaimed: HeldDelay[] = [];
const waiting: Array<(delay: HeldDelay) => void> = [];
let outstanding = 0;

function hold<T>(ms?: number, value?: T): Promise<T | undefined> {
  outstanding++;
  return new Promise((resolve) => {
    let released = false;
    const delay: HeldDelay = {
      ms: ms ?? 0,
      release() {
        if (released) return;
        released = true;
        outstanding--;
        resolve(value);
      },
    };
    const claim = waiting.shift();
    if (claim) claim(delay);
    else unclaimed.push(delay);
  });
}

export const heldDelays = {
  /** The oldest delay not yet handed out, waiting for the next one to be asked for if there is none. */
  next(): Promise<HeldDelay> {
    const delay = unclaimed.shift();
    return delay ? Promise.resolve(delay) : new Promise((resolve) => waiting.push(resolve));
  },
  /** Delays asked for and not yet released. */
  outstanding(): number {
    return outstanding;
  },
};

/** The module `node:timers/promises` with its setTimeout replaced by a held delay. */
export function withHeldSetTimeout<M extends object>(real: M): M {
  return { ...real, setTimeout: hold };
}
