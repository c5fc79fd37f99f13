// How the saga reads Azure state: when a resource is ready, when it has failed, and the final output.
import type { ClusterReading, DatacenterReading, EndpointReading } from "../activities/contracts.js";
import type { ClusterHealth, NodeStatus, ProvisionError } from "../src/domain/ports.js";
import { clusterIdOf } from "../src/domain/ids.js";
import type { ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import type { ApprovalResult } from "./awaitEndpointApproval.orchestrator.js";
import type { Verdict } from "./polling.js";

const failed = (what: string, state: string | undefined, error?: ProvisionError): Verdict => ({
  fail: `${what} is ${state}${error?.code || error?.message ? `: ${[error.code, error.message].filter(Boolean).join(" ")}` : ""}`,
});

const isFailed = (state: string | undefined) => state === "Failed" || state === "Canceled";

export function clusterReady(c: ClusterReading): Verdict {
  if (!c.exists) return { fail: "cluster disappeared" };
  if (isFailed(c.provisioningState)) return failed("cluster provisioning", c.provisioningState, c.provisionError);
  // The private link service id may lag the Succeeded state (azure-rest.md §1.3): keep reading.
  return c.provisioningState === "Succeeded" && c.privateLinkResourceId ? "done" : "wait";
}

export function endpointReady(e: EndpointReading): Verdict {
  if (!e.exists) return { fail: "private endpoint disappeared" };
  if (isFailed(e.provisioningState)) return failed("private endpoint provisioning", e.provisioningState);
  return e.provisioningState === "Succeeded" ? "done" : "wait";
}

export function datacenterReady(d: DatacenterReading): Verdict {
  if (!d.exists) return { fail: "datacenter disappeared" };
  if (isFailed(d.provisioningState)) return failed("datacenter provisioning", d.provisioningState, d.provisionError);
  return d.provisioningState === "Succeeded" ? "done" : "wait";
}

export const nodesUp = (datacenter: string, count: number) => (nodes: NodeStatus[]): Verdict => {
  const mine = nodes.filter((n) => n.datacenter === datacenter);
  return mine.length >= count && mine.every((n) => n.status === "Up") ? "done" : "wait";
};

/** The service's own account of why nodes are not up yet (cluster status `connectionErrors`), bounded. */
export function connectionProblems(health: ClusterHealth): string | undefined {
  if (!health.connectionErrors.length) return undefined;
  const shown = health.connectionErrors.slice(0, 3).map((e) => `${e.state}${e.from || e.to ? ` ${e.from ?? "?"} → ${e.to ?? "?"}${e.port ? `:${e.port}` : ""}` : ""}`);
  return `the service reports ${shown.join(", ")}${health.connectionErrors.length > 3 ? ` and ${health.connectionErrors.length - 3} more` : ""}`;
}

export interface ProvisioningResult {
  clusterId: string;
  datacenterId: string;
  privateEndpointId: string;
  privateEndpointIp: string;
  privateLinkResourceId: string;
  adoptedExistingCluster: boolean;
  approval: { outcome: string; checks: number; decidedAt: string };
  nodes: Array<{ datacenter: string; address: string; status?: string }>;
}

export function summarize(
  plan: ProvisioningPlan,
  r: { ensured: { createdByThisSaga: boolean }; ready: ClusterReading; nic: { ip: string; privateEndpointId: string };
       datacenter: DatacenterReading; nodes: NodeStatus[]; approval: ApprovalResult },
): ProvisioningResult {
  return {
    clusterId: clusterIdOf(plan.cluster),
    datacenterId: r.datacenter.id ?? "",
    privateEndpointId: r.nic.privateEndpointId,
    privateEndpointIp: r.nic.ip,
    privateLinkResourceId: r.ready.privateLinkResourceId ?? "",
    adoptedExistingCluster: !r.ensured.createdByThisSaga,
    approval: { outcome: r.approval.outcome, checks: r.approval.checks, decidedAt: r.approval.decidedAt },
    nodes: r.nodes.filter((n) => n.datacenter === plan.datacenter.datacenterName)
      .map((n) => ({ datacenter: n.datacenter, address: n.address, ...(n.status ? { status: n.status } : {}) })),
  };
}
