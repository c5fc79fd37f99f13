// The small typed ports the activities use. Implementations (src/adapters/) are the only code that
// touches the Azure SDKs; activities, triggers and tests depend on these shapes only.
// Long operations are *started* here (begin* = initial request + one poll) and never awaited to the
// end: waiting belongs to orchestrator timers, which re-read state through the get/status calls.
import type { ClusterRef } from "./ids.js";
import type { CertificateStore, KeySigner, SecretReader } from "./keyVaultPorts.js";
import type { WriteBudgets } from "./armWriteBudget.js";
import type { NetworkApi } from "./networkPorts.js";

export interface ProvisionError {
  code?: string;
  message?: string;
}

/** `provisioningState` as ARM reports it (Creating, Updating, Deleting, Succeeded, Failed, Canceled). */
export type ProvisioningState = string | undefined;

export interface ClusterState {
  id: string;
  location: string;
  tags: Record<string, string>;
  provisioningState: ProvisioningState;
  azureConnectionMethod: string | undefined;
  privateLinkResourceId: string | undefined;
  /** PEM texts of the trusted client CA/certificate entries, in the cluster's order. */
  clientCertificates: string[];
  provisionError: ProvisionError | undefined;
}

export interface ClusterSpec extends ClusterRef {
  location: string;
  cassandraVersion: string;
  delegatedManagementSubnetId: string;
  /** Read from Key Vault by the activity; sent once at create time and never stored or logged. */
  initialAdminPassword: string;
  tags: Record<string, string>;
  clientCertificates?: string[];
}

export interface NodeStatus {
  datacenter: string;
  address: string;
  state: string | undefined;
  status: string | undefined;
}

/** A connection problem the service reports in the cluster status (`connectionErrors`, managedCassandra.json). */
export interface ConnectionProblem {
  /** OperatorToDataCenterNetworkError, InternalOperatorToDataCenterCertificateError, … */
  state: string;
  from?: string;
  to?: string;
  port?: number;
  detail?: string;
}

export interface ClusterHealth {
  nodes: NodeStatus[];
  connectionErrors: ConnectionProblem[];
}

export interface ClusterApi {
  get(ref: ClusterRef): Promise<ClusterState | undefined>;
  listBySubscription(subscriptionId: string): Promise<ClusterState[]>;
  beginCreate(spec: ClusterSpec): Promise<void>;
  /**
   * Replaces the whole clientCertificates list (the API has no append; see azure-rest.md §1.4): PATCH, or GET + full
   * PUT where the service does not implement PATCH (src/adapters/clusterWrites.ts).
   */
  beginSetClientCertificates(ref: ClusterRef, pems: string[]): Promise<void>;
  beginDelete(ref: ClusterRef): Promise<void>;
  nodes(ref: ClusterRef): Promise<NodeStatus[]>;
  /** Nodes and the connection problems the service sees (one status read). */
  health(ref: ClusterRef): Promise<ClusterHealth>;
}

export interface DatacenterRef extends ClusterRef {
  datacenterName: string;
}

export interface DatacenterState {
  id: string;
  provisioningState: ProvisioningState;
  privateEndpointIpAddress: string | undefined;
  nodeCount: number | undefined;
  seedNodes: string[];
  provisionError: ProvisionError | undefined;
}

export interface DatacenterSpec extends DatacenterRef {
  location: string;
  delegatedSubnetId: string;
  nodeCount: number;
  sku?: string;
  privateEndpointIpAddress: string;
}

export interface DatacenterApi {
  get(ref: DatacenterRef): Promise<DatacenterState | undefined>;
  beginCreate(spec: DatacenterSpec): Promise<void>;
  beginDelete(ref: DatacenterRef): Promise<void>;
}

/** The adapter set activities and triggers depend on (built by src/adapters/index.ts). */
export interface Adapters {
  clusters: ClusterApi;
  datacenters: DatacenterApi;
  network: NetworkApi;
  certificates: CertificateStore;
  signer: KeySigner;
  secrets: SecretReader;
  writeBudgets: WriteBudgetReader;
}

/** The last ARM write-budget reading per subscription this process saw (src/adapters/armWriteBudget.ts). */
export interface WriteBudgetReader {
  /** Subscriptions never written to are absent. */
  readings(subscriptionIds: readonly string[]): WriteBudgets;
}

/** Adapters are built on first use and shared: the SDKs load lazily (architecture.md "Start-up cost"). */
export type AdaptersProvider = () => Promise<Adapters>;
