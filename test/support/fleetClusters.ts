// Clusters for the fleet's tests, made by someone else with the ARM SDK (not through the app's saga), and a tracker
// of the rotations the fleet runs, fed by the runtime's progress events: an observer independent of the fleet's
// own counts.
import { demoSubnetId } from "../../local/appEnvironment.js";
import type { ProgressEvent } from "../../local/runtime/progress.js";
import type { LocalWorld } from "./localWorld.js";
import { azureClients } from "./rotationCertificates.js";
import { DEMO_RESOURCE_GROUP } from "./testIds.js";

/** A plain (non-VPN) cluster, tagged managed-by or not, optionally with a one-node data center. */
export async function createCluster(world: LocalWorld, name: string, options: { tagged: boolean; datacenter: boolean }): Promise<void> {
  const { cosmos } = azureClients(world);
  await cosmos.cassandraClusters.beginCreateUpdate(DEMO_RESOURCE_GROUP, name, {
    location: "eastus2", tags: options.tagged ? { "managed-by": "cassandra-vpn-automation" } : { owner: "another-team" },
    properties: { cassandraVersion: "4.0", authenticationMethod: "Cassandra", initialCassandraAdminPassword: "Fleet-Passw0rd-1",
      delegatedManagementSubnetId: demoSubnetId("cassandra"), clientCertificates: [] },
  });
  await world.clock.advance(25_000);
  if (!options.datacenter) return;
  await cosmos.cassandraDataCenters.beginCreateUpdate(DEMO_RESOURCE_GROUP, name, "dc1", {
    properties: { dataCenterLocation: "eastus2", delegatedSubnetId: demoSubnetId("cassandra"), nodeCount: 1, sku: "Standard_E8s_v5" },
  });
  await world.clock.advance(25_000);
}

/** Rotation instances active at once (their peak) and when each ended, by virtual time. */
export class RotationTracker {
  readonly active = new Set<string>();
  readonly endedAt = new Map<string, number>();
  peak = 0;

  constructor(private readonly now: () => number, private readonly ignored: ReadonlySet<string> = new Set()) {}

  readonly onProgress = (event: ProgressEvent): void => {
    if (event.name !== "rotateClusterCertificates" || this.ignored.has(event.instanceId)) return;
    if (event.runtimeStatus === "Pending" || event.runtimeStatus === "Running") this.active.add(event.instanceId);
    else if (this.active.delete(event.instanceId)) this.endedAt.set(event.instanceId, this.now());
    this.peak = Math.max(this.peak, this.active.size);
  };
}
