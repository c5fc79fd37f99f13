// The host.json settings a local host honours (durable-runtime.md §8.1): task hub name, HTTP route
// prefix, the activity concurrency limit and the default orchestration version. Found by walking up from the app entry, like a function app root.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export interface HostConfig {
  taskHub: string;
  routePrefix: string;
  maxConcurrentActivities: number;
  /** durableTask.defaultVersion: the version stamped on instances started without one (client and sub-orchestration starts). */
  defaultVersion?: string;
  /** The host.json that was read, if any. */
  source?: string;
}

interface HostJson {
  extensions?: {
    http?: { routePrefix?: string };
    durableTask?: { hubName?: string; maxConcurrentActivityFunctions?: number; defaultVersion?: string };
  };
}

function findHostJson(fromDir: string): string | undefined {
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, "host.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `%NAME%` app-setting references, as the host resolves them. */
export function resolveAppSettings(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/%([^%]+)%/g, (whole, name: string) => env[name] ?? whole);
}

export function readHostConfig(entry: string, hostJsonPath?: string, env: NodeJS.ProcessEnv = process.env): HostConfig {
  const source = hostJsonPath ?? findHostJson(dirname(resolve(entry)));
  const json: HostJson = source ? (JSON.parse(readFileSync(source, "utf8")) as HostJson) : {};
  const durable = json.extensions?.durableTask ?? {};
  const hubName = durable.hubName ? resolveAppSettings(durable.hubName, env) : (env.WEBSITE_SITE_NAME ?? "TestHubName");
  const config: HostConfig = {
    taskHub: hubName,
    routePrefix: (json.extensions?.http?.routePrefix ?? "api").replace(/^\/+|\/+$/g, ""),
    maxConcurrentActivities: durable.maxConcurrentActivityFunctions ?? 10,
  };
  if (durable.defaultVersion) config.defaultVersion = durable.defaultVersion;
  if (source) config.source = source;
  return config;
}
