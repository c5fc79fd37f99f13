// The rotation timer (ROTATION_SCHEDULE): every cluster tagged as managed by this app gets a rotation
// check, through one fleet orchestration that caps how many run at once. Clusters whose provisioning or
// rotation is running are skipped: they already have their one writer.
import type { InvocationContext } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import type { AdaptersProvider } from "../../activities/stepResult.js";
import type { Config } from "../config.js";
import { parseResourceId } from "../domain/resourceId.js";
import type { RotationPlan } from "../domain/rotationPlan.js";
import { orchestrations, provisioningInstanceId, rotationInstanceId, tags } from "../names.js";
import { findInstance, isActive } from "./http.js";
import { rotationPlan } from "./rotationStart.js";

export async function onRotationTimer(client: DurableClient, context: InvocationContext, deps: { config: Readonly<Config>; adapters: AdaptersProvider; now: Date }): Promise<string | undefined> {
  const { config } = deps;
  const clusters = await (await deps.adapters()).clusters.listBySubscription(config.azure.subscriptionId);
  const plans: RotationPlan[] = [];
  for (const cluster of clusters.filter((c) => c.tags[tags.managedBy] === config.managedByTag)) {
    const ref = parseResourceId(cluster.id);
    if (!ref) continue;
    const address = { subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, clusterName: ref.name };
    const busy = await Promise.all([
      findInstance(client, provisioningInstanceId(address.subscriptionId, address.resourceGroup, address.clusterName)),
      findInstance(client, rotationInstanceId(address.subscriptionId, address.resourceGroup, address.clusterName)),
    ]);
    if (busy.some((s) => s && isActive(s))) {
      context.debug(`skipped ${ref.name}: provisioning or rotation running`);
      continue;
    }
    plans.push(rotationPlan(config, address, { reason: "scheduled check" }));
  }
  if (!plans.length) return undefined;
  const instanceId = `rotation-fleet-${deps.now.toISOString().replace(/[:.]/g, "-")}`;
  await client.startNew(orchestrations.rotateFleet, { instanceId, input: { plans, maxConcurrency: config.rotation.maxConcurrency } });
  context.info(`rotation check of ${plans.length} cluster(s) started as ${instanceId}`);
  return instanceId;
}
