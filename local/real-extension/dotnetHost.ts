// Builds and runs local/real-extension/host (the WebJobs SDK host with the real Durable extension).
// Restored packages and build output live in the project's git-ignored .tools/ (host/Directory.Build.props).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startChild, type Child } from "./childProcess.js";

export const PROJECT_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const PROJECT = join(PROJECT_ROOT, "local/real-extension/host/DurableHost.csproj");
const OUTPUT = join(PROJECT_ROOT, ".tools/real-extension/bin/Release/net10.0/DurableHost.dll");

/** Is the .NET SDK on PATH? The tier is skipped (loudly) where it is not. */
export async function dotnetAvailable(): Promise<boolean> {
  try {
    await promisify(execFile)("dotnet", ["--version"], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * `dotnet build` (restore included, from packages.lock.json; locked in CI so the graph cannot drift).
 * Once per process; skipped when the tier's runner already built it (REALEXT_PREBUILT=1).
 */
let built: Promise<string> | undefined;
export function buildHost(): Promise<string> {
  if (process.env.REALEXT_PREBUILT === "1" && existsSync(OUTPUT)) return Promise.resolve(OUTPUT);
  const locked = process.env.CI ? ["-p:RestoreLockedMode=true"] : [];
  built ??= promisify(execFile)("dotnet", ["build", PROJECT, "-c", "Release", "-nologo", "-v", "q", ...locked], {
    cwd: PROJECT_ROOT, timeout: 8 * 60_000, maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  }).then(() => {
    if (!existsSync(OUTPUT)) throw new Error(`dotnet build produced no ${OUTPUT}`);
    return OUTPUT;
  }, (error: { stdout?: string; message: string }) => {
    throw new Error(`dotnet build failed: ${error.message}\n${error.stdout ?? ""}`);
  });
  return built;
}

export interface HostOptions {
  /** Scratch folder for the host's two input files. */
  workDir: string;
  functions: Array<{ name: string; kind: string }>;
  workerUrl: string;
  frontOrigin: string;
  storageConnectionString: string;
  /** host.json's `extensions.durableTask` section, as the host would read it (plus test timings). */
  durableTask: Record<string, unknown>;
  echo?: boolean;
}

export interface RunningHost {
  child: Child;
  /** The extension's durable-client binding payload (BindingHelper.cs), as a JS client receives it. */
  clientPayload: Record<string, unknown> & { rpcBaseUrl: string };
}

export async function startHost(options: HostOptions, readyTimeoutMs = 120_000): Promise<RunningHost> {
  const dll = await buildHost();
  mkdirSync(options.workDir, { recursive: true });
  const functionsFile = join(options.workDir, "functions.json");
  const settingsFile = join(options.workDir, "settings.json");
  writeFileSync(functionsFile, JSON.stringify(options.functions));
  writeFileSync(settingsFile, JSON.stringify({ AzureWebJobs: { extensions: { durableTask: options.durableTask } } }));
  const child = startChild("durable-host", "dotnet", [dll], {
    cwd: options.workDir,
    echo: options.echo ?? Boolean(process.env.REALEXT_ECHO),
    // On Linux the extension also writes its structured telemetry to stdout (its LinuxAppServiceLogger);
    // the same events reach the ILogger lines we keep.
    ...(process.env.REALEXT_ECHO === "2" ? {} : { ignore: /^MS_DURABLE_FUNCTION_EVENTS_LOGS / }),
    env: {
      ...process.env,
      // The Node → JSON (OrchestratorShim) protocol choice (DurableTaskExtension.cs constructor, real-extension.md §1).
      FUNCTIONS_WORKER_RUNTIME: "node",
      AzureWebJobsStorage: options.storageConnectionString,
      REALEXT_FUNCTIONS: functionsFile,
      REALEXT_SETTINGS: settingsFile,
      REALEXT_WORKER_URL: options.workerUrl,
      REALEXT_FRONT_ORIGIN: options.frontOrigin,
      DOTNET_CLI_TELEMETRY_OPTOUT: "1",
      // The extension's loopback listener is its own ASP.NET Core web host (LocalHttpListener.cs), configured
      // from ASPNETCORE_* variables; without this it logs every management request at Information.
      ASPNETCORE_Logging__LogLevel__Default: "Warning",
    },
  });
  try {
    const [, payload] = await child.waitFor(/^REAL_EXTENSION_READY (.*)$/, readyTimeoutMs);
    return { child, clientPayload: JSON.parse(payload!) as RunningHost["clientPayload"] };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
