// The orchestration input: the validated request resolved against configuration into concrete
// resource references and timings. Orchestrators read no config, so everything they need is here.
// It holds names of secrets, never their values.
import { approvalInstanceId, provisioningInstanceId, rotationInstanceId, tags } from "../names.js";
import { isoDurationToMs } from "./duration.js";
import type { ProvisioningRequestBody } from "./provisioningRequest.js";
import type { RotationPlan, RotationPolicySettings } from "./rotationPlan.js";

export interface ClusterRefIn {
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
}

export interface ProvisioningPlan {
  instanceId: string;
  /** The normalized request: a repeated POST is "the same request" when this is equal. */
  request: ProvisioningRequestBody;
  cluster: ClusterRefIn & { location: string; cassandraVersion: string; managementSubnetId: string; adminPasswordSecretName: string };
  privateEndpoint: { subscriptionId: string; resourceGroup: string; name: string; location: string; subnetId: string; ipAddress: string; networkInterfaceName: string };
  datacenter: ClusterRefIn & { datacenterName: string; location: string; delegatedSubnetId: string; nodeCount: number; sku?: string };
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
  rotation: RotationPolicySettings;
  verifyAttempts: number;
}

export function buildProvisioningPlan(request: ProvisioningRequestBody, defaults: PlanDefaults): ProvisioningPlan {
  const subscriptionId = request.subscriptionId ?? defaults.subscriptionId;
  const ref = { subscriptionId, resourceGroup: request.resourceGroup, clusterName: request.clusterName };
  const instanceId = provisioningInstanceId(subscriptionId, request.resourceGroup, request.clusterName);
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
    rotation: {
      cluster: ref, clients: request.clients, reason: "first issuance by provisioning", policy: defaults.rotation,
      timing: { ...defaults.operations, verifyAttempts: defaults.verifyAttempts }, managedByTag: defaults.managedByTag,
    },
    rotationInstanceId: rotationInstanceId(subscriptionId, request.resourceGroup, request.clusterName),
  };
}
