// Reading instances through the extension's own management API (via the front, as users do), polled on
// the real clock: this tier has no virtual time, so waiting is polling with a deadline.
import { expect } from "vitest";

export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: any;
  customStatus: any;
  historyEvents?: Array<Record<string, any>>;
}

const TERMINAL = new Set(["Completed", "Failed", "Terminated", "Canceled"]);
const POLL_MS = 250;

export async function statusOf(origin: string, instanceId: string, query = ""): Promise<InstanceStatus | undefined> {
  const res = await fetch(`${origin}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}?code=local${query}`);
  if (res.status === 404) return undefined;
  return (await res.json()) as InstanceStatus;
}

/** Polls until `check` holds on the instance's status; fails with the last status seen after `limitMs`. */
export async function until(origin: string, instanceId: string, check: (s: InstanceStatus) => boolean, what: string, limitMs = 120_000, query = ""): Promise<InstanceStatus> {
  const deadline = Date.now() + limitMs;
  let last: InstanceStatus | undefined;
  for (;;) {
    last = await statusOf(origin, instanceId, query);
    if (last && check(last)) return last;
    if (Date.now() > deadline) throw new Error(`${instanceId}: ${what} not reached within ${limitMs} ms; last status ${JSON.stringify(last)?.slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Polls the plain status (cheap), then reads it once more with its history. */
export async function untilTerminal(origin: string, instanceId: string, limitMs?: number): Promise<InstanceStatus> {
  await until(origin, instanceId, (s) => TERMINAL.has(s.runtimeStatus), "a terminal status", limitMs);
  return (await statusOf(origin, instanceId, "&showHistory=true"))!;
}

export function expectStatus(status: InstanceStatus, runtimeStatus: string): void {
  expect(status.runtimeStatus, JSON.stringify(status.output)?.slice(0, 2000)).toBe(runtimeStatus);
}
