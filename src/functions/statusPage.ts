// GET /api/ui: the operator's status page, server-rendered HTML with no script (it reads the same with JavaScript
// off) and a meta refresh. Every value is escaped: names and reasons come from requests and from Azure's messages.
// Links go to the app's own JSON routes only (never the extension's management URLs, which carry its key).
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { statusPageData, type ClusterRow, type PageDeps, type ProvisioningRow, type StatusPageData } from "./statusPageData.js";

const escape = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const link = (href: string, text: string) => `<a href="${escape(href)}">${escape(text)}</a>`;
// Durable statuses carry Date objects and ISO strings: both show as UTC to the second.
const isoOf = (value: unknown) => (value instanceof Date ? value.toISOString() : value ? String(value) : undefined);
const time = (value: unknown) => {
  const iso = isoOf(value);
  return iso ? `<time datetime="${escape(iso)}">${escape(iso.replace("T", " ").replace(/\.\d+Z$/, "Z"))}</time>` : "–";
};

function until(value: unknown, now: string): string {
  const iso = isoOf(value);
  if (!iso) return "";
  const ms = new Date(iso).getTime() - new Date(now).getTime();
  if (!Number.isFinite(ms)) return "";
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = minutes >= 2880 ? `${Math.round(minutes / 1440)} d` : minutes >= 120 ? `${Math.round(minutes / 60)} h` : minutes ? `${minutes} min` : "< 1 min";
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}h1{font-size:1.4rem}h2{margin-top:2rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eef}
.Running,.Pending{color:#8a5a00}.Completed{color:#176f2c}.Failed,.Terminated{color:#b42318}.expiring{color:#b42318;font-weight:600}
ol{margin:.2rem 0;padding-left:1.2rem}.muted{color:#667}section{margin-bottom:1.5rem}`;

function timeline(row: ProvisioningRow): string {
  const steps = ((row.view.progress as { steps?: Array<{ step: string; startedAt: string; finishedAt?: string }> }).steps ?? []);
  return `<ol>${steps.map((s) => `<li>${escape(s.step)} <span class="muted">${time(s.startedAt)}${s.finishedAt ? ` → ${time(s.finishedAt)}` : " (now)"}</span></li>`).join("")}</ol>`;
}

function failure(row: ProvisioningRow): string {
  const progress = row.view.progress as { failure?: { step: string; reason: string }; compensation?: Array<{ action: string; outcome: string; error?: string }> };
  const parts: string[] = [];
  if (progress.failure) parts.push(`<p><strong>Failed at ${escape(progress.failure.step)}:</strong> ${escape(progress.failure.reason)}</p>`);
  else if ("error" in row.view && row.view.error) parts.push(`<p><strong>Failed:</strong> ${escape(row.view.error)}</p>`);
  const undo = row.undo?.output as { compensation?: typeof progress.compensation } | undefined;
  const compensation = progress.compensation ?? undo?.compensation;
  if (compensation?.length) {
    parts.push(`<p>Compensation${row.undo ? ` (${link(`/api/provisionings/${encodeURIComponent(row.view.id)}/undo`, `undo ${row.undo.runtimeStatus}`)})` : ""}:</p>`
      + `<ul>${compensation.map((c) => `<li>${escape(c.action)}: <strong>${escape(c.outcome)}</strong>${c.error ? ` — ${escape(c.error)}` : ""}</li>`).join("")}</ul>`);
  } else if (row.undo) {
    parts.push(`<p>Undo ${link(`/api/provisionings/${encodeURIComponent(row.view.id)}/undo`, row.undo.runtimeStatus)}</p>`);
  }
  return parts.join("");
}

function provisioningSection(row: ProvisioningRow, now: string): string {
  const { view } = row;
  const step = (view.progress as { step?: string }).step ?? "–";
  const wait = row.waitingOn
    ? `<p><strong>Waiting on</strong> ${escape(row.waitingOn)}${row.nextCheckAt ? ` (next check ${until(row.nextCheckAt, now)})` : ""}</p>` : "";
  return `<section class="provisioning" data-id="${escape(view.id)}"><h3>${escape(row.cluster || view.id)} — <span class="${escape(view.runtimeStatus)}">${escape(view.runtimeStatus)}</span>, step ${escape(step)}</h3>
${wait}${timeline(row)}${failure(row)}<p class="muted">Started ${time(view.createdTime)} · ${link(`/api/provisionings/${encodeURIComponent(view.id)}`, "JSON")}</p></section>`;
}

function clusterSection(row: ClusterRow, now: string): string {
  const { subscriptionId, resourceGroup, clusterName } = row.ref;
  // The ARM-shaped route names the subscription: the page lists clusters of every managed subscription.
  const base = `/api/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}/clusters/${encodeURIComponent(clusterName)}`;
  const rows = row.certificates.map((c) => `<tr><td>${escape(c.kind)}</td><td>${escape(c.name)}</td><td><code>${escape(c.version.slice(0, 12))}</code></td>`
    + `<td>${escape(c.rawStage ?? c.stage ?? "–")}</td><td><code>${escape(c.thumbprint.slice(0, 16))}</code></td><td>${time(c.notAfter)}</td>`
    + `<td class="${c.daysToExpiry < 30 ? "expiring" : ""}">${escape(c.daysToExpiry)}</td></tr>`).join("");
  const last = row.lastRotation;
  return `<section class="cluster" data-cluster="${escape(`${resourceGroup}/${clusterName}`)}"><h3>${escape(`${resourceGroup}/${clusterName}`)}</h3>
${row.error ? `<p class="Failed">Certificates unreadable: ${escape(row.error)}</p>` : ""}
<table><thead><tr><th>kind</th><th>name</th><th>version</th><th>stage</th><th>thumbprint</th><th>not after</th><th>days to expiry</th></tr></thead><tbody>${rows}</tbody></table>
<p><strong>Last rotation:</strong> ${last ? `${link(`/api/rotations/${encodeURIComponent(last.id)}`, last.runtimeStatus)} ${time(last.lastUpdatedTime)} (${until(last.lastUpdatedTime, now)})` : "none yet"}
 · <strong>Next rotation:</strong> ${escape(row.nextRotation)} · ${link(`${base}/certificates`, "JSON")}</p></section>`;
}

export function renderStatusPage(data: StatusPageData): string {
  const fleet = data.fleet
    ? `<p>${escape(data.fleet.id)}: <span class="${escape(data.fleet.runtimeStatus)}">${escape(data.fleet.runtimeStatus)}</span>, started ${time(data.fleet.createdTime)} (${until(data.fleet.createdTime, data.now)})</p>`
    : "<p>No fleet run yet (the rotation timer starts one per schedule).</p>";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="refresh" content="15"><title>Cassandra VPN automation — status</title><style>${STYLE}</style></head><body>
<h1>Cassandra VPN automation</h1><p class="muted">As of ${time(data.now)} · ${link("/api/openapi.json", "OpenAPI")} · JSON links need the same function key as this page</p>
<h2>Provisionings (${data.provisionings.length})</h2>${data.provisionings.map((p) => provisioningSection(p, data.now)).join("\n") || "<p>None.</p>"}
<h2>Managed clusters (${data.clusters.length})</h2>${data.clusters.map((c) => clusterSection(c, data.now)).join("\n") || "<p>None.</p>"}
<h2>Fleet rotation</h2>${fleet}</body></html>`;
}

export async function getStatusPage(_req: HttpRequest, client: DurableClient, deps: PageDeps): Promise<HttpResponseInit> {
  const html = renderStatusPage(await statusPageData(client, deps));
  return { status: 200, body: html, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } };
}
