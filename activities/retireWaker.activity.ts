// Schedules the waker that retires a cluster's earlier CA when its grace ends (docs/certificates.md "Phases"). Through
// the durable client (an input binding): the waker is a separate instance under its own id that holds no lock, so the
// cluster's rotation singleton ends right after promoting. Check-then-act: a waker already running for the cluster is
// left alone (it starts a run that decides from Key Vault, and the rotation timer is the backstop).
import * as df from "durable-functions";
import { findInstance, isActive } from "../src/adapters/durableStatus.js";
import { wakerInstanceId } from "../src/domain/ids.js";
import { RETIRE_DUE } from "../src/domain/rotationPlan.js";
import { activities as A, orchestrations, orchestrationVersion } from "../src/names.js";
import type { WakeInput } from "./contracts.js";
import { defineActivity } from "./stepResult.js";

export const scheduleRetireWaker = () =>
  defineActivity(A.scheduleRetireWaker, "schedule retire waker", async ({ plan, at }, context) => {
    const client = df.getClient(context);
    const instanceId = wakerInstanceId(plan.cluster);
    const existing = await findInstance(client, instanceId);
    if (existing && isActive(existing)) return { instanceId, scheduled: false };
    // What the run was asked for, and the fleet's listing of the vault, are this run's: the retire decides afresh.
    const { requested: _requested, trigger: _trigger, explicit: _explicit, listed: _listed, ...rest } = plan;
    const input: WakeInput = { plan: { ...rest, clients: [], reason: RETIRE_DUE }, at };
    await client.startNew(orchestrations.wakeRotation, { instanceId, input, version: orchestrationVersion });
    return { instanceId, scheduled: true };
  });
