// Installs the OpenTelemetry providers once per process, on first use: the official Azure Monitor distro
// (@azure/monitor-opentelemetry; 1.18.1 is its last release that declares Node 20) exporting traces, metrics and
// logs to Application Insights. Loaded lazily, so a cold start that never reaches telemetry does not pay its import.
export interface TelemetryTarget {
  connectionString: string;
  /** Entra ID ingestion with the managed identity ("" = system-assigned), as infra/ configures the resource. */
  entraClientId?: string;
}
type Installer = (target: TelemetryTarget) => Promise<void>;

const azureMonitor: Installer = async ({ connectionString, entraClientId }) => {
  const { useAzureMonitor } = await import("@azure/monitor-opentelemetry");
  const credential = entraClientId === undefined ? undefined
    : new (await import("@azure/identity")).ManagedIdentityCredential(entraClientId ? { clientId: entraClientId } : {});
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) } });
};

let installer: Installer = azureMonitor;
let installed: Promise<void> | undefined;

/** Tests put in-memory exporters in the distro's place: the app's spans, metrics and events are the same. */
export function setTelemetryInstaller(replacement: Installer): void {
  installer = replacement;
  installed = undefined;
}

export function installTelemetry(target: TelemetryTarget): Promise<void> {
  installed ??= installer(target);
  return installed;
}
