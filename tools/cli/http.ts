import { UsageError } from "./io.js";

// The app's HTTP API as the CLI calls it: APP_URL (default http://127.0.0.1:$PORT, PORT 7071) and APP_FUNCTION_KEY
// (sent as x-functions-key, never in the URL, so it stays out of shell history and proxies' logs).
export interface ApiAnswer {
  status: number;
  body: any;
}

export interface Api {
  readonly baseUrl: string;
  call(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
}

export function apiFrom(env: NodeJS.ProcessEnv): Api {
  const baseUrl = (env.APP_URL ?? `http://127.0.0.1:${env.PORT ?? "7071"}`).replace(/\/+$/, "");
  return {
    baseUrl,
    async call(method, path, body) {
      const headers: Record<string, string> = { accept: "application/json" };
      if (env.APP_FUNCTION_KEY) headers["x-functions-key"] = env.APP_FUNCTION_KEY;
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }).catch((error: Error) => {
        throw new Error(`cannot reach the app at ${baseUrl} (APP_URL): ${String((error.cause as Error | undefined)?.message ?? error.message)}`);
      });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: shown as text */ }
      return { status: res.status, body: parsed };
    },
  };
}

/** The app's error as one line: `409 ProvisioningInProgress: …`. */
export function describeFailure(answer: ApiAnswer): string {
  const error = answer.body?.error;
  const details = Array.isArray(error?.details) ? ` (${error.details.map((d: { field: string; message: string }) => `${d.field} ${d.message}`).join("; ")})` : "";
  return error ? `${answer.status} ${error.code}: ${error.message}${details}` : `HTTP ${answer.status}`;
}

/**
 * RESOURCE_GROUP/CLUSTER → the cluster routes' prefix: with a subscription the ARM-shaped
 * /api/subscriptions/{s}/resourceGroups/{rg}/clusters/{name}, without one the short form (the app's AZURE_SUBSCRIPTION_ID).
 */
export function clusterPath(text: string | undefined, subscriptionId?: string): string {
  const [resourceGroup, clusterName, ...rest] = (text ?? "").split("/");
  if (!resourceGroup || !clusterName || rest.length) throw new UsageError(`expected RESOURCE_GROUP/CLUSTER, got ${JSON.stringify(text ?? "")}`);
  const [group, cluster] = [encodeURIComponent(resourceGroup), encodeURIComponent(clusterName)];
  return subscriptionId === undefined ? `/api/clusters/${group}/${cluster}`
    : `/api/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${group}/clusters/${cluster}`;
}
