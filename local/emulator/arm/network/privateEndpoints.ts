// Microsoft.Network/privateEndpoints get/PUT/DELETE/list (reference §4). Creating an endpoint creates its NIC with the
// (static) IP; the connection to the cluster's private link service stays Pending until approved (approvals.ts).
import { randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, Route } from "../../types.js";
import { asRecord, isVpnCluster, type Json } from "../cassandra/clusterModel.js";
import type { ArmContext } from "../context.js";
import { badRequest, locationRequired, resourceNotFound } from "../errors.js";
import { idKey, networkId, type RouteParams } from "../ids.js";
import type { ArmResource, ArmState } from "../state.js";
import { assignAddress, findSubnet } from "./addressing.js";
import { newEtag, provisioningCompletion, startNetworkOperation } from "./networkLro.js";
import { buildConnections, CONNECTION_KINDS, connectionsOf, endpointIp, newPrivateEndpointNic } from "./privateEndpointModel.js";

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
const ENDPOINTS = `${RG}/providers/Microsoft.Network/privateEndpoints`;
const TYPE = "Microsoft.Network/privateEndpoints";

export function privateEndpointRoutes(arm: ArmContext): Route[] {
  const { state, lro } = arm;
  const idOf = (p: RouteParams) => networkId(p, "privateEndpoints", p.privateEndpointName ?? "");
  const list = (prefix: string) => ({ status: 200, body: { value: [...state.privateEndpoints.values()]
    .filter((r) => idKey(r.resource.id).startsWith(idKey(prefix))).map((r) => r.resource) } });
  lro.register("privateEndpoint.write", provisioningCompletion((key) => state.privateEndpoints.get(key)?.resource));
  lro.register("privateEndpoint.delete", {
    succeed(op) {
      const record = state.privateEndpoints.get(idKey(op.target));
      if (record) state.networkInterfaces.delete(record.networkInterfaceKey);
      state.privateEndpoints.delete(idKey(op.target));
      return undefined;
    },
    fail(op) {
      const record = state.privateEndpoints.get(idKey(op.target));
      if (record) record.resource.properties.provisioningState = "Failed";
    },
  });
  return [
    { method: "GET", path: "/subscriptions/{subscriptionId}/providers/Microsoft.Network/privateEndpoints",
      handler: (_req, p) => list(`/subscriptions/${p.subscriptionId}/`) },
    { method: "GET", path: ENDPOINTS, handler: (_req, p) => list(`/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/`) },
    { method: "GET", path: `${ENDPOINTS}/{privateEndpointName}`, handler: (_req, p) => {
      const record = state.privateEndpoints.get(idKey(idOf(p)));
      return record ? { status: 200, body: record.resource } : resourceNotFound(TYPE, p.privateEndpointName ?? "", p.resourceGroupName);
    } },
    { method: "PUT", path: `${ENDPOINTS}/{privateEndpointName}`, handler: (req, p) => putEndpoint(arm, req, p, idOf(p)) },
    { method: "DELETE", path: `${ENDPOINTS}/{privateEndpointName}`, handler: (req, p) => {
      const record = state.privateEndpoints.get(idKey(idOf(p)));
      if (!record) return { status: 204 };
      record.resource.properties.provisioningState = "Deleting";
      const op = startNetworkOperation(arm, req, p.subscriptionId ?? "", record.resource, "privateEndpoint.delete");
      return { status: 202, headers: lro.headers(op, true) };
    } },
  ];
}

function putEndpoint(arm: ArmContext, req: EmulatorRequest, p: RouteParams, id: string): EmulatorResponse {
  const { state } = arm;
  const body = asRecord(req.body);
  const props = asRecord(body.properties);
  const existing = state.privateEndpoints.get(idKey(id));
  if (!existing && typeof body.location !== "string") return locationRequired();
  const subnetId = String(asRecord(props.subnet).id ?? "");
  const subnet = findSubnet(state, subnetId);
  if (!subnet) {
    return badRequest("InvalidResourceReference", `Resource ${subnetId} referenced by resource ${id} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
  }
  const problem = targetProblem(state, id, props);
  if (problem) return problem;
  const ipConfigurations = (props.ipConfigurations ?? []) as Json[];
  const requestedIp = asRecord(ipConfigurations[0]?.properties).privateIPAddress as string | undefined;
  let networkInterfaceKey = existing?.networkInterfaceKey;
  if (existing) {
    // The static IP and the NIC name can only be set at creation (reference §4.2).
    if (requestedIp !== undefined && requestedIp !== endpointIp(state, existing)) {
      return badRequest("PrivateEndpointStaticIpCannotBeChanged", `The static IP address of private endpoint ${id} can only be set when it is created.`);
    }
  } else {
    const address = assignAddress(state, subnet, requestedIp);
    if ("status" in address) return address;
    const nicName = String(props.customNetworkInterfaceName ?? `${p.privateEndpointName}.nic.${randomUUID()}`);
    const nicId = networkId(p, "networkInterfaces", nicName);
    if (state.networkInterfaces.has(idKey(nicId))) return badRequest("NetworkInterfaceNameInUse", `Network interface ${nicId} already exists.`);
    state.networkInterfaces.set(idKey(nicId), newPrivateEndpointNic({ id: nicId, name: nicName, location: String(body.location),
      subnetId: subnet.subnet.id, ip: address.ip, allocation: address.allocation, privateEndpointId: id }));
    networkInterfaceKey = idKey(nicId);
  }
  const resource = buildEndpoint(arm, id, p.privateEndpointName ?? "", body, subnet.subnet.id, networkInterfaceKey ?? "", existing?.resource);
  const autoApproveAt = existing ? existing.autoApproveAt : arm.autoApproveMs === undefined ? undefined : arm.ctx.now() + arm.autoApproveMs;
  state.privateEndpoints.set(idKey(id), { resource, networkInterfaceKey: networkInterfaceKey ?? "", ...(autoApproveAt === undefined ? {} : { autoApproveAt }) });
  if (!existing && arm.autoApproveMs !== undefined) arm.settleAfter(arm.autoApproveMs);
  const op = startNetworkOperation(arm, req, p.subscriptionId ?? "", resource, "privateEndpoint.write");
  return { status: existing ? 200 : 201, headers: arm.lro.headers(op, false), body: resource };
}

function buildEndpoint(arm: ArmContext, id: string, name: string, body: Json, subnetId: string, nicKey: string, previous?: ArmResource): ArmResource {
  const props = asRecord(body.properties);
  const nic = arm.state.networkInterfaces.get(nicKey);
  const connections = Object.fromEntries(CONNECTION_KINDS.map((kind) => [kind, buildConnections(id, kind, props[kind], previous)]));
  return {
    id, name, type: TYPE, location: String(body.location ?? previous?.location), tags: (body.tags as Record<string, string>) ?? {},
    etag: newEtag(),
    properties: { ...props, ...connections, provisioningState: "Updating", resourceGuid: previous?.properties.resourceGuid ?? randomUUID(),
      subnet: { id: subnetId }, networkInterfaces: nic ? [{ id: nic.id }] : [], customDnsConfigs: [],
      ipConfigurations: props.ipConfigurations ?? [] },
  };
}

/** Private Link *Service* targets take no group ids (reference §4.2) and must be a known cluster's service. */
function targetProblem(state: ArmState, id: string, props: Json): EmulatorResponse | undefined {
  const probe = { id, name: "", type: TYPE, properties: props };
  const memberNames = ((props.ipConfigurations ?? []) as Json[]).some((c) => asRecord(c.properties).groupId || asRecord(c.properties).memberName);
  for (const connection of connectionsOf(probe)) {
    const target = String(asRecord(connection.properties).privateLinkServiceId ?? "");
    const groupIds = (asRecord(connection.properties).groupIds ?? []) as unknown[];
    if (/\/providers\/Microsoft\.Network\/privateLinkServices\//i.test(target) && (groupIds.length > 0 || memberNames)) {
      return badRequest("PrivateEndpointWithIpConfigurationsCannotHaveGroupIdsOrMemberNames",
        `Private endpoint ${id} connects to private link service ${target}, which takes no groupIds or memberNames.`);
    }
    const known = [...state.clusters.values()].some((c) => isVpnCluster(c) && idKey(String(c.properties.privateLinkResourceId ?? "")) === idKey(target));
    if (!known) return badRequest("PrivateLinkServiceNotFound", `Private link service ${target} referenced by private endpoint ${id} was not found.`);
  }
  return undefined;
}
