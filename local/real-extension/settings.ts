// The extension reads host.json's `extensions.durableTask` from AzureWebJobs:extensions:durableTask in a
// plain WebJobs host (WebJobs binds extension options from that section). This tier takes the app's own
// section and changes only timings, so waits cost seconds of real time (real-extension.md §4 "Timers are
// wall-clock": queue polling backs off to maxQueuePollingInterval, 30 s by default).
import { readFileSync } from "node:fs";

export interface TierTimings {
  /** storageProvider.maxQueuePollingInterval, seconds (the extension's own tests lower it too). */
  maxQueuePollingSeconds: number;
}

export const DEFAULT_TIMINGS: TierTimings = { maxQueuePollingSeconds: 1 };

const timeSpan = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);

export function hostDurableTaskSettings(hostJsonPath: string | undefined, overrides: Partial<TierTimings> = {}): Record<string, unknown> {
  const timings = { ...DEFAULT_TIMINGS, ...overrides };
  const json = hostJsonPath ? (JSON.parse(readFileSync(hostJsonPath, "utf8")) as { extensions?: { durableTask?: Record<string, unknown> } }) : {};
  const section = structuredClone(json.extensions?.durableTask ?? {});
  const storageProvider = { ...(section.storageProvider as Record<string, unknown> | undefined) };
  storageProvider.maxQueuePollingInterval = timeSpan(timings.maxQueuePollingSeconds);
  return { ...section, storageProvider, localRpcEndpointEnabled: true };
}
