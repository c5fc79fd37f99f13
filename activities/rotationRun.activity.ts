// Starting or joining a cluster's rotation singleton from an orchestration, and reading how that run stands.
// Through the durable client (an input binding of these two activities), because a sub-orchestration on the
// singleton's id would overwrite a running rotation on Azure Storage (host-and-service.md §2). The caller
// waits on durable timers between reads.
import * as df from "durable-functions";
import { readRotationRun, startOrJoinRotation } from "../src/adapters/rotationSingleton.js";
import { activities as A } from "../src/names.js";
import { defineActivity } from "./stepResult.js";

/** The activities that take the durable client input binding (registered with it by src/main.ts). */
export const CLIENT_ACTIVITIES: ReadonlySet<string> = new Set([A.startClusterRotation, A.readClusterRotation, A.startFleetRotations, A.readFleetRotations, A.scheduleRetireWaker]);

export const startClusterRotation = () =>
  defineActivity(A.startClusterRotation, "start cluster rotation", ({ plan, startedBy }, context) =>
    startOrJoinRotation(df.getClient(context), plan, startedBy));

export const readClusterRotation = () =>
  defineActivity(A.readClusterRotation, "read cluster rotation", ({ instanceId, createdTime }, context) =>
    readRotationRun(df.getClient(context), instanceId, createdTime));
