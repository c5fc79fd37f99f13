// The rotation timer (ROTATION_SCHEDULE): every cluster this app manages gets a rotation check, through one
// fleet orchestration that caps how many run at once. Managed means tagged `managed-by` (clusters it
// provisioned) or named by its certificates in Key Vault (clusters it adopted: their tags are not ours to
// change). Clusters whose provisioning or rotation is running are skipped: they already have their one writer.
import type { InvocationContext } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { runningWriter } from "../adapters/durableStatus.js";
import type { Config } from "../config.js";
import { fleetInstanceId } from "../domain/ids.js";
import type { AdaptersProvider } from "../domain/ports.js";
import type { RotationPlan } from "../domain/rotationPlan.js";
import { orchestrations, orchestrationVersion } from "../names.js";
import { listManagedClusters } from "../adapters/managedClusters.js";
import { rotationPlan } from "./rotationStart.js";

export async function onRotationTimer(client: DurableClient, context: InvocationContext, deps: { config: Readonly<Config>; adapters: AdaptersProvider; now: Date }): Promise<string | undefined> {
  const { config } = deps;
  const plans: RotationPlan[] = [];
  for (const address of await listManagedClusters(await deps.adapters(), config.azure.managedSubscriptions, config.managedByTag)) {
    const busy = await Promise.all([runningWriter(client, "provision", address), runningWriter(client, "rotate", address)]);
    if (busy.some(Boolean)) {
      context.debug(`skipped ${address.clusterName}: provisioning or rotation running`);
      continue;
    }
    plans.push(rotationPlan(config, address, { reason: "scheduled check" }));
  }
  if (!plans.length) return undefined;
  const instanceId = fleetInstanceId(deps.now);
  await client.startNew(orchestrations.rotateFleet, { instanceId, input: { plans, maxConcurrency: config.rotation.maxConcurrency }, version: orchestrationVersion });
  context.info(`rotation check of ${plans.length} cluster(s) started as ${instanceId}`);
  return instanceId;
}
