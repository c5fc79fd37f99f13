// The extension reads host.json's `extensions.durableTask` from AzureWebJobs:extensions:durableTask in a
// plain WebJobs host (WebJobs binds extension options from that section). This tier takes the app's own
// section and changes only timings, so waits cost seconds of real time (real-extension.md §4 "Timers are
// wall-clock": queue polling backs off to maxQueuePollingInterval, 30 s by default).
import { readFileSync } from "node:fs";

export interface TierTimings {
  /** storageProvider.maxQueuePollingInterval, seconds (the extension's own tests lower it too). */
  maxQueuePollingSeconds: number;
  /**
   * storageProvider.control/workItemQueueVisibilityTimeout, seconds: how long a message a crashed host had
   * dequeued stays invisible before another host gets it (DT.AS default 5 min,
   * AzureStorageOrchestrationServiceSettings.cs). Activity locks are renewed while they run
   * (TaskActivityDispatcher → RenewTaskActivityWorkItemLockAsync), so only a crash waits this long.
   * 3.19.0 refuses less than a minute ("ControlQueueVisibilityTimeout must be between 1 and 60 minutes").
   */
  queueVisibilitySeconds: number;
}

export const DEFAULT_TIMINGS: TierTimings = { maxQueuePollingSeconds: 1, queueVisibilitySeconds: 60 };

const timeSpan = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);

export function hostDurableTaskSettings(hostJsonPath: string | undefined, overrides: Partial<TierTimings> = {}): Record<string, unknown> {
  const timings = { ...DEFAULT_TIMINGS, ...overrides };
  const json = hostJsonPath ? (JSON.parse(readFileSync(hostJsonPath, "utf8")) as { extensions?: { durableTask?: Record<string, unknown> } }) : {};
  const section = structuredClone(json.extensions?.durableTask ?? {});
  const storageProvider = { ...(section.storageProvider as Record<string, unknown> | undefined) };
  storageProvider.maxQueuePollingInterval = timeSpan(timings.maxQueuePollingSeconds);
  storageProvider.controlQueueVisibilityTimeout = timeSpan(timings.queueVisibilitySeconds);
  storageProvider.workItemQueueVisibilityTimeout = timeSpan(timings.queueVisibilitySeconds);
  return { ...section, storageProvider, localRpcEndpointEnabled: true };
}
