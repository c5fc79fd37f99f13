// Scenario helpers for the provisioning saga's integration tests: one request per cluster name (so
// scenarios share a world without sharing instances, endpoints or addresses), the ids derived from it,
// and what the emulator holds or was asked to write for that cluster.
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { NetworkManagementClient } from "@azure/arm-network";
import type { ArmResource } from "../../local/emulator/arm/state.js";
import { demoProvisioningRequest, type LocalWorld } from "./localWorld.js";
import { approvalIdOf, endpointIdOf, endpointNameOf, LOCAL_SUBSCRIPTION_ID, provisioningIdOf, testCredential, TYPES, undoIdOf } from "./testIds.js";

/** The demo request for `clusterName` with the endpoint on `ipAddress` (10.20.3.0/24), plus overrides. */
export function requestFor(clusterName: string, ipAddress: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  const request = demoProvisioningRequest(clusterName) as Record<string, any>;
  return { ...request, privateEndpoint: { ...request.privateEndpoint, ipAddress }, ...overrides };
}

export interface ScenarioIds {
  provisioning: string;
  approval: string;
  undo: string;
  endpointName: string;
}

export function idsFor(clusterName: string): ScenarioIds {
  return {
    provisioning: provisioningIdOf(clusterName),
    approval: approvalIdOf(clusterName),
    undo: undoIdOf(clusterName),
    endpointName: endpointNameOf(clusterName),
  };
}

/** The cluster, its datacenters, its endpoint and the endpoint's NIC, as `type name` lines (empty: nothing left). */
export function resourcesOf(world: LocalWorld, clusterName: string): string[] {
  const { endpointName } = idsFor(clusterName);
  const mine = (r: ArmResource) =>
    (r.type === TYPES.cluster && r.name === clusterName)
    || (r.type === TYPES.datacenter && r.id.toLowerCase().includes(`/cassandraclusters/${clusterName.toLowerCase()}/`))
    || (r.type === TYPES.endpoint && r.name === endpointName)
    || (r.type === TYPES.nic && r.name === `${endpointName}-nic`);
  return world.emulator.resources().filter(mine).map((r) => `${r.type} ${r.name}`).sort();
}

/** What `resourcesOf` lists when the cluster has the given parts (an endpoint always comes with its NIC). */
export function partsOf(clusterName: string, ...parts: Array<"cluster" | "datacenter" | "endpoint">): string[] {
  const { endpointName } = idsFor(clusterName);
  const lines = {
    cluster: [`${TYPES.cluster} ${clusterName}`],
    datacenter: [`${TYPES.datacenter} dc1`],
    endpoint: [`${TYPES.endpoint} ${endpointName}`, `${TYPES.nic} ${endpointName}-nic`],
  };
  return parts.flatMap((part) => lines[part]).sort();
}

/** Writes (anything but GET) the emulator received on paths naming `fragment`, as `METHOD path` lines. */
export function writesTo(world: LocalWorld, fragment: string): string[] {
  return world.emulator.requests().requests
    .filter((r) => r.method !== "GET" && r.path.toLowerCase().includes(fragment.toLowerCase()))
    .map((r) => `${r.method} ${r.path}`);
}

/** Every write the emulator received, whatever the path. */
export function allWrites(world: LocalWorld): string[] {
  return world.emulator.requests().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
}

export interface ApprovalWaitStatus {
  waitingOn: string;
  connectionStatus: string;
  nextCheckAt: string;
  deadline: string;
  checks: number;
}

/** Runs virtual time until the cluster's approval wait is waiting on a check; returns its custom status. */
export async function untilWaitingForApproval(world: LocalWorld, clusterName: string): Promise<ApprovalWaitStatus> {
  const { approval } = idsFor(clusterName);
  const waiting = () => {
    const status = world.runtime.status(approval);
    return status?.runtimeStatus === "Running" ? (status.customStatus as ApprovalWaitStatus | null) ?? undefined : undefined;
  };
  await world.runUntil(() => Boolean(waiting()?.waitingOn));
  return waiting()!;
}

/** Approves (or rejects…) the cluster's private endpoint connection on "Microsoft's side". */
export function decideEndpoint(world: LocalWorld, clusterName: string, status: "Approved" | "Rejected" | "Disconnected", description?: string): void {
  const endpoint = world.emulator.approve({ privateEndpointId: endpointIdOf(clusterName), status, ...(description ? { description } : {}) });
  if (!endpoint) throw new Error(`no private endpoint for ${clusterName}`);
}

/** POSTs the request and expects the saga to start (202). */
export async function startProvisioning(world: LocalWorld, request: Record<string, unknown>): Promise<string> {
  const res = await world.api("POST", "/api/provisionings", request);
  if (res.status !== 202) throw new Error(`POST answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export interface ProvisioningView {
  runtimeStatus: string;
  error: string;
  progress: any;
  output?: any;
  undo?: any;
}

/** GET /api/provisionings/{id} of the cluster's saga. */
export async function viewOf(world: LocalWorld, clusterName: string): Promise<ProvisioningView> {
  return (await world.api("GET", `/api/provisionings/${idsFor(clusterName).provisioning}`)).body;
}

/** Runs virtual time until the cluster's saga has ended (completed, failed or terminated); returns its view. */
export async function untilEnded(world: LocalWorld, clusterName: string): Promise<ProvisioningView> {
  const { provisioning } = idsFor(clusterName);
  await world.runUntil(() => !["Pending", "Running"].includes(world.runtime.status(provisioning)?.runtimeStatus ?? "Pending"));
  return viewOf(world, clusterName);
}

/** The app's own SDK clients, pointed at the emulator: for changes "someone else" makes in Azure. */
export function armClients(world: LocalWorld): { cosmos: CosmosDBManagementClient; network: NetworkManagementClient } {
  const options = { endpoint: world.emulator.armEndpoint, tlsOptions: { ca: world.emulator.caCertPem } };
  return {
    cosmos: new CosmosDBManagementClient(testCredential, LOCAL_SUBSCRIPTION_ID, options),
    network: new NetworkManagementClient(testCredential, LOCAL_SUBSCRIPTION_ID, options),
  };
}
