// In-memory OpenTelemetry providers in place of the Azure Monitor distro (setTelemetryInstaller): what the app would
// export to Application Insights, kept for assertions and for the secret scans. Install before startLocalWorld, with
// TELEMETRY_ENV in the world's env so main.ts registers its telemetry hooks.
import { metrics, trace } from "@opentelemetry/api";
import { logs } from "@opentelemetry/api-logs";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { MeterProvider, MetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { setTelemetryInstaller } from "../../src/telemetry/install.js";

/** The instrumentation key is what makes a connection string worth keeping out of logs: the scans look for it too. */
export const TEST_INSTRUMENTATION_KEY = "7e1e5c1a-0b7e-4c55-9e11-5ec2e7c0ffee";
export const TELEMETRY_ENV = { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${TEST_INSTRUMENTATION_KEY};IngestionEndpoint=https://127.0.0.1:9/` };

class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface TelemetryCapture {
  spans(): ReadableSpan[];
  logRecords(): ReadableLogRecord[];
  metrics(): Promise<ResourceMetrics>;
  /** Everything exported, as text: span names, attributes, statuses and events, log bodies and attributes, metric points. */
  dump(): Promise<string>;
  /** How often the installer ran (once per process, and only with a connection string). */
  installs(): number;
}

export function captureTelemetry(): TelemetryCapture {
  const spans = new InMemorySpanExporter();
  const records = new InMemoryLogRecordExporter();
  const reader = new CollectingReader();
  let installs = 0;
  setTelemetryInstaller(async () => {
    installs++;
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    logs.setGlobalLoggerProvider(new LoggerProvider({ processors: [new SimpleLogRecordProcessor(records)] }));
  });
  const capture: TelemetryCapture = {
    spans: () => spans.getFinishedSpans(),
    logRecords: () => records.getFinishedLogRecords(),
    metrics: async () => (await reader.collect()).resourceMetrics,
    async dump() {
      const spanText = capture.spans().map((s) => JSON.stringify({ name: s.name, attributes: s.attributes, status: s.status, events: s.events }));
      const logText = capture.logRecords().map((r) => JSON.stringify({ body: r.body, attributes: r.attributes }));
      return [...spanText, ...logText, JSON.stringify((await capture.metrics()).scopeMetrics)].join("\n");
    },
    installs: () => installs,
  };
  return capture;
}
