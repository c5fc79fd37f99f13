// The rotation timer (ROTATION_SCHEDULE): every cluster this app manages gets a rotation check, through one
// fleet orchestration (rotateFleetPaced) that caps how many run at once and paces them by the ARM write budget.
// Managed means tagged `managed-by` (clusters it provisioned) or named by its certificates in Key Vault (clusters
// it adopted: their tags are not ours to change). Clusters whose provisioning or rotation is running are skipped: they already have their one writer.
import type { InvocationContext } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { runningWriter } from "../adapters/durableStatus.js";
import { rotationSettings, type Config } from "../config.js";
import { fleetState, type FleetCluster } from "../domain/fleetWindow.js";
import { fleetInstanceId } from "../domain/ids.js";
import type { AdaptersProvider } from "../domain/ports.js";
import { orchestrations, orchestrationVersion } from "../names.js";
import { listManagedClusters } from "../adapters/managedClusters.js";

/** Clusters whose writers are looked up at once: a 500-cluster fleet is 1 000 status reads, in 25 rounds, not 1 000. */
const STATUS_READS_AT_ONCE = 20;

export async function onRotationTimer(client: DurableClient, context: InvocationContext, deps: { config: Readonly<Config>; adapters: AdaptersProvider; now: Date }): Promise<string | undefined> {
  const { config } = deps;
  const clusters: FleetCluster[] = [];
  const managed = await listManagedClusters(await deps.adapters(), config.azure.managedSubscriptions, config.managedByTag);
  for (let i = 0; i < managed.length; i += STATUS_READS_AT_ONCE) {
    const batch = managed.slice(i, i + STATUS_READS_AT_ONCE);
    const busy = await Promise.all(batch.map(async (address) =>
      (await Promise.all([runningWriter(client, "provision", address), runningWriter(client, "rotate", address)])).some(Boolean)));
    batch.forEach((address, j) => {
      if (busy[j]) context.debug(`skipped ${address.clusterName}: provisioning or rotation running`);
      else clusters.push(address);
    });
  }
  if (!clusters.length) return undefined;
  const instanceId = fleetInstanceId(deps.now);
  const input = fleetState({ clusters, settings: rotationSettings(config), reason: "scheduled check",
    maxConcurrency: config.rotation.maxConcurrency, writeBudget: config.rotation.writeBudget });
  await client.startNew(orchestrations.rotateFleetPaced, { instanceId, input, version: orchestrationVersion });
  context.info(`rotation check of ${clusters.length} cluster(s) started as ${instanceId}`);
  return instanceId;
}
