// How the app's status routes show a durable instance: its runtime status, times, readable progress (custom
// status) and its output or error. The app answers with its own routes only: the extension's management URLs
// carry its system key, which can terminate or purge any instance of the task hub (host-and-service.md §4).
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { DurableClient, DurableOrchestrationStatus } from "durable-functions";
import { findInstance, isActive } from "../adapters/durableStatus.js";
import { instanceId } from "../domain/azureNames.js";
import { orchestrations } from "../names.js";
import { idOf } from "./edge.js";
import { json, problem } from "./httpResponses.js";

export function instanceView(status: DurableOrchestrationStatus, progress: unknown = status.customStatus ?? {}) {
  return {
    id: status.instanceId,
    runtimeStatus: status.runtimeStatus,
    createdTime: status.createdTime,
    lastUpdatedTime: status.lastUpdatedTime,
    progress: isActive(status) ? progress : withoutWaits(progress),
    ...(status.runtimeStatus === "Completed" ? { output: status.output } : {}),
    ...(status.runtimeStatus === "Failed" ? { error: String(status.output ?? "").replace(/^Orchestrator function '[^']+' failed: /, "") } : {}),
  };
}

/** A stopped instance waits on nothing: its last custom status still names the wait it had (issue 14). */
function withoutWaits(progress: unknown): unknown {
  if (typeof progress !== "object" || progress === null) return progress;
  const { waitingOn: _waitingOn, nextCheckAt: _nextCheckAt, ...rest } = progress as Record<string, unknown>;
  return rest;
}

/** 202 for a started (or joined) instance, with Location on the app's own status route for it. */
export function accepted(req: HttpRequest, statusPath: string, body: Record<string, unknown>): HttpResponseInit {
  const statusUri = `${new URL(req.url).origin}${statusPath}`;
  return json(202, { ...body, statusUri }, { location: statusUri });
}

/** What GET /api/rotations/{id} shows: the cluster's rotation, a request queued behind it, a retire's waker. */
const ROTATION_KINDS = new Set<string>([orchestrations.rotateClusterCertificates, orchestrations.queuedRotation, orchestrations.wakeRotation]);

/** GET /api/rotations/{id}: a rotation instance's status (a queued request shows `queuedBehind` in its progress). */
export async function getRotation(req: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const id = idOf(req, instanceId);
  if (!id.ok) return id.response;
  const status = await findInstance(client, id.value);
  if (!status || !ROTATION_KINDS.has(status.name)) return problem(404, "RotationNotFound", "No rotation with that id.");
  return json(200, instanceView(status));
}
