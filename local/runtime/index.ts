// Public surface of the local durable runtime (never deployed; the app imports nothing from local/).
export { RealClock, VirtualClock, type Clock } from "./clock.js";
export { startLocalRuntime } from "./localRuntime.js";
export type { LocalRuntime, LocalRuntimeOptions } from "./localRuntimeApi.js";
export type { ProgressEvent } from "./progress.js";
export type { ProgressListener } from "./progressHub.js";
export type { InstanceRecord, RuntimeStatus } from "./durable/instance.js";
export type { HistoryEvent } from "./durable/history.js";
