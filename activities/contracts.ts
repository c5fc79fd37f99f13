// The activity contracts: for every activity name, the input it takes and the value it answers. The
// orchestrators call activities only through `call` (orchestrations/steps.ts), the implementations are
// typed against the same table (`defineActivity`), and the composition root must register one of each,
// so a wrong input shape, a missing activity or a changed answer is a compile error on both sides.
// Each activity is sent only what it declares: inputs sit in durable history once per call.
import type { ListedCertificates } from "../src/domain/certificateNames.js";
import type { CertificateInventory, CertificateVersionInfo } from "../src/domain/certificateProfiles.js";
import type { WriteBudgets } from "../src/domain/armWriteBudget.js";
import type { FleetRunReading, FleetStartAnswer } from "../src/domain/fleetWindow.js";
import type { ClusterRef } from "../src/domain/ids.js";
import type { NewCertificatePolicy } from "../src/domain/keyVaultPorts.js";
import type { PrivateEndpointRef } from "../src/domain/networkPorts.js";
import type { ClusterHealth, DatacenterRef, NodeStatus, ProvisionError } from "../src/domain/ports.js";
import type { ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import type { activities as A } from "../src/names.js";

/** Transient failures are thrown (the durable retry policy acts); everything else is a value (house-style.md). */
export type FailureKind = "conflict" | "notFound" | "permanent";
export interface StepFailure { ok: false; kind: FailureKind; code?: string; message: string }
export type StepResult<T> = { ok: true; value: T } | StepFailure;

/** What every compensation step reports: gone, someone else's, or (started) deleting. */
export type DeletionState = "absent" | "deleting" | "notOwned";

export interface ClusterReading { exists: boolean; provisioningState?: string; privateLinkResourceId?: string; provisionError?: ProvisionError }
export interface EndpointReading { exists: boolean; provisioningState?: string; connectionStatus?: string; description?: string }
export interface DatacenterReading { exists: boolean; provisioningState?: string; provisionError?: ProvisionError; id?: string }
export type PreflightOutcome = { ok: true } | { ok: false; problems: string[] };

export interface PreflightInput {
  instanceId: string;
  cluster: ClusterRef & { adminPasswordSecretName: string };
  privateEndpoint: PrivateEndpointRef & { subnetId: string; ipAddress: string };
  datacenter: { delegatedSubnetId: string };
}

export interface EnsureEndpointInput {
  endpoint: ProvisioningPlan["privateEndpoint"];
  privateLinkServiceId: string;
  clusterName: string;
  tags: Record<string, string>;
}

export interface BeginVersionInput { name: string; policy: NewCertificatePolicy; tags: Record<string, string> }

export interface SignInput {
  name: string;
  profile: "ca" | "client";
  validityMonths: number;
  /** For a client: the CA version that signs. For a CA: its bootstrap version (same key). */
  signer: CertificateRef;
}

export interface CertificateRef { name: string; version: string }

export interface TrustChangeInput {
  cluster: ClusterRef;
  /** Certificate versions (Key Vault) to trust. */
  add: CertificateRef[];
  /** Thumbprints to stop trusting. */
  remove: string[];
  /** Write the list even when the cluster already shows it (a rollback: what it read may be stale). */
  force?: boolean;
}

export interface NodeCheck { address: string; ok: boolean; stage?: string; reason?: string; serverNames?: string[] }

/** A rotation run started or joined through the durable client (the cluster's singleton, never a sub-orchestration). */
export type RotationStart = { instanceId: string; createdTime: string; started: boolean } | { instanceId: string; blockedBy: string };
export type RotationRunState =
  | { state: "running"; steps?: string[] }
  | { state: "gone" }
  | { state: "completed"; output: unknown }
  | { state: "failed" | "terminated"; reason: string };

/** The waker of a CA retire (orchestrations/wakeRotation.orchestrator.ts). */
export interface WakeInput {
  /** The plan the waker starts the rotation with: a scheduled check ("retire due"), not a person's request. */
  plan: RotationPlan;
  /** When the earliest earlier CA of the cluster may be retired (ISO time). */
  at: string;
}

/** A request queued behind the cluster's running rotation (orchestrations/queuedRotation.orchestrator.ts). */
export interface QueuedInput {
  plan: RotationPlan;
  /** The run it waits for, as started (or joined): id and creation time. */
  behind: { instanceId: string; createdTime: string };
}

type Contract<I, O> = { input: I; output: O };

export interface ActivityContracts {
  [A.preflightProvisioning]: Contract<PreflightInput, PreflightOutcome>;
  [A.ensureCluster]: Contract<Pick<ProvisioningPlan, "cluster" | "tags" | "instanceId">, { createdByThisSaga: boolean }>;
  [A.readCluster]: Contract<ClusterRef, ClusterReading>;
  [A.readClusterNodes]: Contract<ClusterRef, NodeStatus[]>;
  [A.readClusterHealth]: Contract<ClusterRef, ClusterHealth>;
  [A.deleteCluster]: Contract<{ ref: ClusterRef; instanceId: string }, DeletionState>;
  [A.ensurePrivateEndpoint]: Contract<EnsureEndpointInput, { createdByThisSaga: boolean }>;
  [A.readPrivateEndpoint]: Contract<PrivateEndpointRef, EndpointReading>;
  [A.readEndpointIp]: Contract<PrivateEndpointRef, { ip: string; privateEndpointId: string; networkInterfaceId: string }>;
  [A.deletePrivateEndpoint]: Contract<{ ref: PrivateEndpointRef; instanceId: string }, DeletionState>;
  [A.ensureDatacenter]: Contract<{ datacenter: ProvisioningPlan["datacenter"]; privateEndpointIp: string }, { adopted: boolean }>;
  [A.readDatacenter]: Contract<DatacenterRef, DatacenterReading>;
  [A.deleteDatacenter]: Contract<{ ref: DatacenterRef; privateEndpointIp: string }, DeletionState>;
  [A.readCertificateVersions]: Contract<{ names: string[] }, Record<string, CertificateVersionInfo[]>>;
  [A.readCertificateInventory]: Contract<{ cluster: ClusterRef; clients: string[]; listed?: ListedCertificates }, CertificateInventory>;
  [A.beginCertificateVersion]: Contract<BeginVersionInput, { status: string }>;
  [A.readCertificateOperation]: Contract<{ name: string }, { status: string }>;
  [A.signAndMergeCertificate]: Contract<SignInput, CertificateVersionInfo>;
  [A.setCertificateStage]: Contract<CertificateRef & { stage: string | null }, { changed: boolean }>;
  [A.updateClusterTrust]: Contract<TrustChangeInput, { changed: boolean; thumbprints: string[] }>;
  /** `written`: the thumbprints a write just set; until the cluster shows them, a `Succeeded` reading is a transient failure. */
  [A.readClusterTrust]: Contract<ClusterRef & { written?: string[] }, { provisioningState: string; thumbprints: string[] }>;
  [A.verifyClientCertificate]: Contract<{ cluster: ClusterRef } & CertificateRef, { ok: boolean; nodes: NodeCheck[] }>;
  [A.startClusterRotation]: Contract<{ plan: RotationPlan; startedBy?: string }, RotationStart>;
  [A.readClusterRotation]: Contract<{ instanceId: string; createdTime: string }, RotationRunState>;
  [A.startFleetRotations]: Contract<{ plans: RotationPlan[] }, { starts: FleetStartAnswer[]; budgets: WriteBudgets }>;
  [A.readFleetRotations]: Contract<{ runs: Array<{ instanceId: string; createdTime: string }>; subscriptions: string[] }, { runs: FleetRunReading[]; budgets: WriteBudgets }>;
  [A.tagCertificateVersion]: Contract<CertificateRef & { set: Record<string, string>; remove: string[] }, { changed: boolean }>;
  [A.scheduleRetireWaker]: Contract<{ plan: RotationPlan; at: string }, { instanceId: string; scheduled: boolean }>;
}

export type ActivityName = keyof ActivityContracts;
export type InputOf<N extends ActivityName> = ActivityContracts[N]["input"];
export type OutputOf<N extends ActivityName> = ActivityContracts[N]["output"];
/** The activities whose answer is a DeletionState: the only ones a compensation may run. */
export type DeletionActivity = { [N in ActivityName]: OutputOf<N> extends DeletionState ? N : never }[ActivityName];
