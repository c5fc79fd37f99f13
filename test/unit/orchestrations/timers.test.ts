// A wait of an interval is never shorter than the interval on Azure Storage, which delivers a durable timer up to 1 s
// early (its queue visibility delay is whole seconds, truncated: docs/real-extension.md #4, reproduced by the local
// runtime's deliveredAt). Before version 4, a 1 s poll fired at once: bench:fleet's ten mTLS attempts took 0.4 s.
import { describe, expect, it } from "vitest";
import type * as df from "durable-functions";
import { deliveredAt } from "../../../local/runtime/durable/workDispatcher.js";
import { atLeast } from "../../../orchestrations/timers.js";

const contextOf = (version: string) => ({ df: { version } }) as unknown as df.OrchestrationContext;
const episodeAt = Date.parse("2026-12-03T12:00:00Z");
/** How long after the episode DT.AS delivers the timer, when the episode's work took `lag` ms before the timer was sent. */
const waited = (fireAt: Date, lag: number) => deliveredAt(fireAt.getTime(), episodeAt + lag) - episodeAt;

describe("a durable timer for an interval", () => {
  it.each([1_000, 5_000, 30_000])("waits at least %i ms from version 4, whatever the episode's lag", (interval) => {
    for (const lag of [0, 1, 50, 400, 999]) expect(waited(atLeast(contextOf("4"), episodeAt + interval), lag)).toBeGreaterThanOrEqual(interval);
  });

  it("fired at once for a 1 s interval before version 4 (replayed as recorded)", () => {
    expect(waited(atLeast(contextOf("3"), episodeAt + 1_000), 50)).toBe(50);
  });

  it("is never later than its deadline", () => {
    expect(atLeast(contextOf("4"), episodeAt + 1_000, episodeAt + 1_500).getTime()).toBe(episodeAt + 1_500);
  });
});
