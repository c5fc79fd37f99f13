// ARM resources as the emulator keeps them: typed collections of the StateStore, keyed by lower-cased id.
import type { StateStore } from "../types.js";

/** The ARM JSON of a resource exactly as GET returns it. */
export interface ArmResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags?: Record<string, string>;
  etag?: string;
  properties: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface NodeRecord {
  address: string;
  hostId: string;
}

export interface DataCenterRecord {
  resource: ArmResource;
  clusterKey: string;
  nodes: NodeRecord[];
}

export interface PrivateEndpointRecord {
  resource: ArmResource;
  networkInterfaceKey: string;
  /** Clock time at which the emulator approves a still-pending connection (autoApproveMs). */
  autoApproveAt?: number;
}

export class ArmState {
  /** Microsoft.Resources/resourceGroups: every resource write and read needs its group (resources/resourceGroups.ts). */
  readonly resourceGroups: Map<string, ArmResource>;
  readonly clusters: Map<string, ArmResource>;
  readonly dataCenters: Map<string, DataCenterRecord>;
  readonly virtualNetworks: Map<string, ArmResource>;
  readonly privateEndpoints: Map<string, PrivateEndpointRecord>;
  readonly networkInterfaces: Map<string, ArmResource>;
  /** `initialCassandraAdminPassword` per cluster key: create-only and never returned (reference §1.2). */
  readonly cassandraAdminPasswords: Map<string, string>;
  /** Loopback node address → owning data center key. */
  readonly nodeAddresses: Map<string, string>;

  constructor(store: StateStore) {
    this.resourceGroups = store.collection("arm.resourceGroups");
    this.clusters = store.collection("arm.cassandraClusters");
    this.dataCenters = store.collection("arm.cassandraDataCenters");
    this.virtualNetworks = store.collection("arm.virtualNetworks");
    this.privateEndpoints = store.collection("arm.privateEndpoints");
    this.networkInterfaces = store.collection("arm.networkInterfaces");
    this.cassandraAdminPasswords = store.collection("arm.cassandraAdminPasswords");
    this.nodeAddresses = store.collection("arm.nodeAddresses");
  }

  allResources(): ArmResource[] {
    return [
      ...this.resourceGroups.values(),
      ...this.clusters.values(),
      ...[...this.dataCenters.values()].map((dc) => dc.resource),
      ...this.virtualNetworks.values(),
      ...[...this.privateEndpoints.values()].map((pe) => pe.resource),
      ...this.networkInterfaces.values(),
    ].map((resource) => structuredClone(resource));
  }
}
