// The orchestration input: the validated request resolved against configuration into concrete
// resource references and timings. Orchestrators read no config, so everything they need is here.
// It holds names of secrets, never their values.
import { approvalInstanceId, provisioningInstanceId, rotationInstanceId, tags, type ClusterRef } from "./ids.js";
import { isoDurationToMs } from "./duration.js";
import type { PrivateEndpointRef } from "./networkPorts.js";
import type { DatacenterRef } from "./ports.js";
import type { ProvisioningRequestBody } from "./provisioningRequest.js";
import { rotationPlanFor, type RotationPlan, type RotationSettings } from "./rotationPlan.js";

export interface ProvisioningPlan {
  instanceId: string;
  /** The normalized request: a repeated POST is "the same request" when this is equal. */
  request: ProvisioningRequestBody;
  cluster: ClusterRef & { location: string; cassandraVersion: string; managementSubnetId: string; adminPasswordSecretName: string };
  privateEndpoint: { subscriptionId: string; resourceGroup: string; name: string; location: string; subnetId: string; ipAddress: string; networkInterfaceName: string };
  datacenter: ClusterRef & { datacenterName: string; location: string; delegatedSubnetId: string; nodeCount: number; sku?: string };
  approval: { instanceId: string; deadlineMs: number; onTimeout: "compensate" | "keep"; pollIntervalMs: number };
  operations: { pollIntervalMs: number; timeoutMs: number };
  tags: Record<string, string>;
  /** The first rotation (issuance) runs as a sub-orchestration under the cluster's rotation id. */
  rotation: RotationPlan;
  rotationInstanceId: string;
}

export interface PlanDefaults {
  subscriptionId: string;
  managedByTag: string;
  approval: { pollIntervalMs: number; deadlineMs: number; onTimeout: "compensate" | "keep" };
  operations: { pollIntervalMs: number; timeoutMs: number };
  rotation: RotationSettings;
}

export function buildProvisioningPlan(request: ProvisioningRequestBody, defaults: PlanDefaults): ProvisioningPlan {
  const subscriptionId = request.subscriptionId ?? defaults.subscriptionId;
  const ref = { subscriptionId, resourceGroup: request.resourceGroup, clusterName: request.clusterName };
  const instanceId = provisioningInstanceId(ref);
  const endpointName = request.privateEndpoint.name ?? `${request.clusterName}-pe`;
  const deadline = request.approval?.deadline;
  return {
    instanceId,
    request,
    cluster: {
      ...ref,
      location: request.location,
      cassandraVersion: request.cassandraVersion,
      // The management subnet is the datacenter's delegated subnet, as in the portal's VPN flow.
      managementSubnetId: request.datacenter.delegatedSubnetId,
      adminPasswordSecretName: request.adminPasswordSecretName,
    },
    privateEndpoint: {
      subscriptionId,
      resourceGroup: request.resourceGroup,
      name: endpointName,
      location: request.location,
      subnetId: request.privateEndpoint.subnetId,
      ipAddress: request.privateEndpoint.ipAddress,
      networkInterfaceName: `${endpointName}-nic`,
    },
    datacenter: {
      ...ref,
      datacenterName: request.datacenter.name,
      location: request.datacenter.location ?? request.location,
      delegatedSubnetId: request.datacenter.delegatedSubnetId,
      nodeCount: request.datacenter.nodeCount,
      ...(request.datacenter.sku ? { sku: request.datacenter.sku } : {}),
    },
    approval: {
      instanceId: approvalInstanceId(subscriptionId, request.resourceGroup, endpointName),
      deadlineMs: deadline ? isoDurationToMs(deadline)! : defaults.approval.deadlineMs,
      onTimeout: request.approval?.onTimeout ?? defaults.approval.onTimeout,
      pollIntervalMs: defaults.approval.pollIntervalMs,
    },
    operations: defaults.operations,
    tags: { [tags.managedBy]: defaults.managedByTag, [tags.provisioningInstance]: instanceId },
    rotation: rotationPlanFor(defaults.rotation, ref, { reason: "first issuance by provisioning", clients: request.clients }),
    rotationInstanceId: rotationInstanceId(ref),
  };
}

/** The ARM addresses of what a provisioning creates: what its reads, deletions and compensations take. */
export function resourceRefsOf(plan: Pick<ProvisioningPlan, "cluster" | "privateEndpoint" | "datacenter">): { cluster: ClusterRef; endpoint: PrivateEndpointRef; datacenter: DatacenterRef } {
  const { subscriptionId, resourceGroup, clusterName } = plan.cluster;
  const pe = plan.privateEndpoint;
  return {
    cluster: { subscriptionId, resourceGroup, clusterName },
    endpoint: { subscriptionId: pe.subscriptionId, resourceGroup: pe.resourceGroup, name: pe.name },
    datacenter: { subscriptionId, resourceGroup, clusterName, datacenterName: plan.datacenter.datacenterName },
  };
}
