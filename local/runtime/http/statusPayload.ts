// Instance status JSON as the extension returns it (durable-runtime.md §6.2): `input` and `output`
// always present, times ISO with seconds precision. `historyEvents` only on request.
import { EventType, type HistoryEvent } from "../durable/history.js";
import type { InstanceRecord } from "../durable/instance.js";

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export interface StatusOptions {
  showInput?: boolean;
  showHistory?: boolean;
  showHistoryOutput?: boolean;
}

const PAYLOAD_FIELDS = ["Input", "Result", "Details"];
const INTERNAL_EVENTS = new Set([EventType.OrchestratorStarted, EventType.OrchestratorCompleted]);

/** Simplified history: event type names, no replay bookkeeping; payloads only with showHistoryOutput. */
function historyForStatus(history: HistoryEvent[], withOutput: boolean): Record<string, unknown>[] {
  return history
    .filter((e) => !INTERNAL_EVENTS.has(e.EventType))
    .map(({ EventType: type, IsPlayed: _played, ...fields }) => {
      const entry: Record<string, unknown> = { EventType: EventType[type] ?? type, ...fields };
      if (!withOutput) for (const field of PAYLOAD_FIELDS) delete entry[field];
      return entry;
    });
}

export function statusPayload(rec: InstanceRecord, options: StatusOptions = {}): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    name: rec.name,
    instanceId: rec.instanceId,
    runtimeStatus: rec.runtimeStatus,
    input: options.showInput === false ? null : (rec.input ?? null),
    customStatus: rec.customStatus ?? null,
    output: rec.output ?? null,
    createdTime: isoSeconds(rec.createdTime),
    lastUpdatedTime: isoSeconds(rec.lastUpdatedTime),
  };
  if (options.showHistory) payload.historyEvents = historyForStatus(rec.history, options.showHistoryOutput === true);
  return payload;
}

export interface StatusFilter {
  createdTimeFrom?: number;
  createdTimeTo?: number;
  runtimeStatus?: string[];
  instanceIdPrefix?: string;
}

export function matchesFilter(rec: InstanceRecord, filter: StatusFilter): boolean {
  if (filter.createdTimeFrom !== undefined && rec.createdTime < filter.createdTimeFrom) return false;
  if (filter.createdTimeTo !== undefined && rec.createdTime > filter.createdTimeTo) return false;
  if (filter.runtimeStatus?.length && !filter.runtimeStatus.includes(rec.runtimeStatus)) return false;
  if (filter.instanceIdPrefix && !rec.instanceId.startsWith(filter.instanceIdPrefix)) return false;
  return true;
}

export function filterFromQuery(query: URLSearchParams): StatusFilter {
  const filter: StatusFilter = {};
  const from = query.get("createdTimeFrom");
  const to = query.get("createdTimeTo");
  const statuses = query.get("runtimeStatus");
  const prefix = query.get("instanceIdPrefix");
  if (from) filter.createdTimeFrom = Date.parse(from);
  if (to) filter.createdTimeTo = Date.parse(to);
  if (statuses) filter.runtimeStatus = statuses.split(",").map((s) => s.trim()).filter(Boolean);
  if (prefix) filter.instanceIdPrefix = prefix;
  return filter;
}
