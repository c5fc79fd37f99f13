// Waiting "an interval" on a durable timer. On Azure Storage a timer fires up to 1 s early: DurableTask.AzureStorage
// sends TimerFired with a queue visibility delay in whole seconds, truncated (docs/real-extension.md #4; the local
// runtime does the same, local/runtime/durable/workDispatcher.ts deliveredAt). A 1 s interval then fires at once: in
// bench:fleet ten mTLS attempts "1 s apart" took 0.4 s, before the nodes' rolling restart, and the rotation rolled
// back; polls hammered ARM with a GET every 15 ms. From orchestration version 4 a wait is the interval plus that
// second, so it is never shorter than asked; older instances replay the timers they recorded.
import type * as df from "durable-functions";

/** DT.AS's timer granularity: how early a durable timer may fire. */
export const TIMER_EARLY_MS = 1000;

/**
 * The fireAt of a timer meant to wait at least until `at` (ms since the epoch), and no later than `deadline`: a wait
 * for a deadline may fire early, the caller checks it again (the last second then polls more than once).
 */
export function atLeast(ctx: df.OrchestrationContext, at: number, deadline = Infinity): Date {
  const slack = Number(ctx.df.version || 0) >= 4 ? TIMER_EARLY_MS : 0;
  return new Date(Math.min(at + slack, deadline));
}
