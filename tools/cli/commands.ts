// The CLI's commands over the app's HTTP API (and, for `approve`, the local emulator's control API).
import { readFile } from "node:fs/promises";
import { request } from "node:https";
import { join } from "node:path";
import { clusterPath, describeFailure, type Api } from "./http.js";
import { humanDuration, UsageError, type CliIo } from "./io.js";
import { findView } from "./watch.js";

export async function provision(api: Api, io: CliIo, file: string): Promise<{ code: number; id?: string }> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  let body: unknown;
  try { body = JSON.parse(text); } catch { throw new UsageError(`${file} is not JSON`); }
  const answer = await api.call("POST", "/api/provisionings", body);
  if (answer.status !== 202 && answer.status !== 200) {
    io.err(`cassandra-vpn: ${describeFailure(answer)}`);
    return { code: 1 };
  }
  io.out(`${answer.status === 200 ? "already provisioned" : "started"}: ${answer.body.id}${answer.body.statusUri ? `  (${answer.body.statusUri})` : ""}`);
  return { code: 0, id: answer.body.id };
}

export async function status(api: Api, io: CliIo, id: string, asJson: boolean): Promise<number> {
  const found = await findView(api, id);
  if (!found) {
    io.err(`cassandra-vpn: no provisioning or rotation with id ${id}`);
    return 1;
  }
  const { view } = found;
  if (asJson) {
    io.out(JSON.stringify(view, null, 2));
    return 0;
  }
  io.out(`${view.id}: ${view.runtimeStatus}, step ${view.progress?.step ?? "–"}`);
  for (const s of view.progress?.steps ?? []) io.out(`  ${s.step.padEnd(22)} ${s.startedAt}${s.finishedAt ? ` → ${s.finishedAt}` : ""}`);
  if (view.progress?.waitingOn) io.out(`  waiting on ${view.progress.waitingOn}`);
  if (view.progress?.failure) io.out(`  failed at ${view.progress.failure.step}: ${view.progress.failure.reason}`);
  return 0;
}

export async function stop(api: Api, io: CliIo, id: string, compensate: boolean): Promise<number> {
  const answer = await api.call("DELETE", `/api/provisionings/${encodeURIComponent(id)}?compensate=${compensate}`);
  if (answer.status !== 202) {
    io.err(`cassandra-vpn: ${describeFailure(answer)}`);
    return 1;
  }
  io.out(compensate ? `stopped ${id}; undo ${answer.body.undo?.id} (${answer.body.undo?.statusUri ?? ""})` : `stopped ${id}; resources kept`);
  return 0;
}

export async function rotate(api: Api, io: CliIo, cluster: string, body: { scope?: string; clients?: string[]; reason?: string }, subscriptionId?: string): Promise<number> {
  const answer = await api.call("POST", `${clusterPath(cluster, subscriptionId)}/rotations`, body);
  if (answer.status !== 202) {
    io.err(`cassandra-vpn: ${describeFailure(answer)}`);
    return 1;
  }
  io.out(`${answer.body.joined ? "joined" : "started"}: ${answer.body.id}  (${answer.body.statusUri})`);
  return 0;
}

interface Version { version: string; stage?: string; rawStage?: string; thumbprint: string; notAfter?: string; trustedByCluster: boolean }

export async function certs(api: Api, io: CliIo, cluster: string, subscriptionId?: string): Promise<number> {
  const answer = await api.call("GET", `${clusterPath(cluster, subscriptionId)}/certificates`);
  if (answer.status !== 200) {
    io.err(`cassandra-vpn: ${describeFailure(answer)}`);
    return 1;
  }
  const clients = Object.values(answer.body.clients as Record<string, { name: string; versions: Version[] }>);
  // Key Vault names run to 127 characters (docs/certificates.md "Names"): the column fits the longest one shown.
  const width = Math.max(28, ...[answer.body.ca.name as string, ...clients.map((c) => c.name)].map((n) => n.length + 2));
  const line = (kind: string, name: string, v: Version) => `${kind.padEnd(7)}${name.padEnd(width)}${v.version.slice(0, 12).padEnd(14)}${(v.rawStage ?? v.stage ?? "–").padEnd(10)}`
    + `${(v.notAfter ?? "–").padEnd(26)}${v.notAfter ? humanDuration(new Date(v.notAfter).getTime() - io.now()).padEnd(17) : "".padEnd(17)}${v.trustedByCluster ? "trusted" : ""}`;
  io.out(`${"kind".padEnd(7)}${"name".padEnd(width)}${"version".padEnd(14)}${"stage".padEnd(10)}${"not after".padEnd(26)}${"expires".padEnd(17)}cluster`);
  for (const v of answer.body.ca.versions as Version[]) io.out(line("CA", answer.body.ca.name, v));
  for (const client of clients) {
    for (const v of client.versions) io.out(line("client", client.name, v));
  }
  const next = answer.body.nextRotation;
  io.out(`next rotation: ${next.action} ${next.at}${next.reasons ? ` (${next.reasons.join("; ")})` : ""}`);
  return 0;
}

/** Approves (or rejects) a private endpoint in the local emulator, found through `npm start`'s STATE_DIR/npm-start.json. */
export async function approve(io: CliIo, env: NodeJS.ProcessEnv, endpoint: string, decision: "Approved" | "Rejected"): Promise<number> {
  const stateFile = join(env.STATE_DIR ?? ".local", "npm-start.json");
  const ready = JSON.parse(await readFile(stateFile, "utf8").catch(() => {
    throw new Error(`approve works against the local emulator only, and finds none: no ${stateFile} (is npm start running? STATE_DIR?)`);
  })) as { subscriptionId?: string; emulator?: { controlUrl?: string; caCertPath?: string } };
  const controlUrl = ready.emulator?.controlUrl;
  if (!controlUrl || !ready.emulator?.caCertPath || !/^https:\/\/127\.\d+\.\d+\.\d+:\d+\//.test(`${controlUrl}/`)) {
    throw new Error(`approve works against the local emulator only: ${stateFile} names no loopback emulator`);
  }
  const [resourceGroup, name, ...rest] = endpoint.split("/");
  const id = endpoint.startsWith("/subscriptions/") ? endpoint
    : resourceGroup && name && !rest.length ? `/subscriptions/${ready.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/privateEndpoints/${name}`
      : undefined;
  if (!id) throw new UsageError(`expected RESOURCE_GROUP/ENDPOINT or a private endpoint id, got ${JSON.stringify(endpoint)}`);
  const ca = await readFile(ready.emulator.caCertPath, "utf8");
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${controlUrl}/approvals`, { method: "POST", ca, headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.once("error", reject);
    req.end(JSON.stringify({ privateEndpointId: id, status: decision }));
  });
  if (answer.status >= 300) {
    io.err(`cassandra-vpn: the emulator answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    return 1;
  }
  io.out(`${decision.toLowerCase()}: ${id}`);
  return 0;
}
