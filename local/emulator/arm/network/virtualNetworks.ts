// Microsoft.Network/virtualNetworks PUT/GET and `virtualNetworks/{v}/subnets/{s}` GET: enough network for
// private endpoints to have a subnet to live in.
import { randomUUID } from "node:crypto";
import type { EmulatorResponse, Route } from "../../types.js";
import { asRecord } from "../cassandra/clusterModel.js";
import type { ArmContext } from "../context.js";
import { badRequest, locationRequired, resourceNotFound } from "../errors.js";
import { idKey, networkId, type RouteParams } from "../ids.js";
import type { ArmResource } from "../state.js";
import { ipAvailability } from "./addressing.js";
import { cidrWithin, parseCidr } from "./ipMath.js";
import { newEtag, provisioningCompletion, startNetworkOperation } from "./networkLro.js";

const VNET = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}";
const TYPE = "Microsoft.Network/virtualNetworks";

export function virtualNetworkRoutes(arm: ArmContext): Route[] {
  const { state } = arm;
  const idOf = (p: RouteParams) => networkId(p, "virtualNetworks", p.virtualNetworkName ?? "");
  arm.lro.register("virtualNetwork.write", provisioningCompletion((key) => state.virtualNetworks.get(key)));
  return [
    { method: "GET", path: VNET, handler: (_req, p) => {
      const vnet = state.virtualNetworks.get(idKey(idOf(p)));
      return vnet ? { status: 200, body: vnet } : resourceNotFound(TYPE, p.virtualNetworkName ?? "", p.resourceGroupName);
    } },
    { method: "GET", path: `${VNET}/subnets/{subnetName}`, handler: (_req, p) => {
      const subnets = (state.virtualNetworks.get(idKey(idOf(p)))?.properties.subnets ?? []) as Array<{ name: string }>;
      const subnet = subnets.find((s) => s.name.toLowerCase() === p.subnetName?.toLowerCase());
      return subnet ? { status: 200, body: subnet }
        : resourceNotFound(`${TYPE}/subnets`, `${p.virtualNetworkName}/${p.subnetName}`, p.resourceGroupName);
    } },
    { method: "GET", path: `${VNET}/CheckIPAddressAvailability`, handler: (req, p) => {
      const vnet = state.virtualNetworks.get(idKey(idOf(p)));
      if (!vnet) return resourceNotFound(TYPE, p.virtualNetworkName ?? "", p.resourceGroupName);
      const result = ipAvailability(state, vnet, req.url.searchParams.get("ipAddress") ?? "");
      return "status" in result && typeof result.status === "number" ? (result as EmulatorResponse) : { status: 200, body: result };
    } },
    { method: "PUT", path: VNET, handler: (req, p) => {
      const id = idOf(p);
      const existing = state.virtualNetworks.get(idKey(id));
      const body = asRecord(req.body);
      if (!existing && typeof body.location !== "string") return locationRequired();
      const built = buildVirtualNetwork(id, p.virtualNetworkName ?? "", body, existing);
      if ("status" in built) return built;
      const inUse = removedSubnetInUse(arm, existing, built);
      if (inUse) return badRequest("InUseSubnetCannotBeDeleted", `Subnet ${inUse} is in use and cannot be deleted.`);
      state.virtualNetworks.set(idKey(id), built);
      const op = startNetworkOperation(arm, req, p.subscriptionId ?? "", built, "virtualNetwork.write");
      return { status: existing ? 200 : 201, headers: arm.lro.headers(op, false), body: built };
    } },
  ];
}

function buildVirtualNetwork(id: string, name: string, body: Record<string, unknown>, existing?: ArmResource) {
  const props = asRecord(body.properties);
  const spaces = ((asRecord(props.addressSpace).addressPrefixes ?? []) as string[]).map((text) => ({ text, cidr: parseCidr(text) }));
  const badSpace = spaces.find((s) => !s.cidr);
  if (badSpace) return badRequest("InvalidAddressPrefixFormat", `Address prefix ${badSpace.text} of virtual network ${name} is not a valid CIDR.`);
  const subnets = [];
  for (const input of (props.subnets ?? []) as Array<Record<string, unknown>>) {
    const subnetName = String(input.name);
    const subnetProps = { ...asRecord(input.properties) };
    const prefix = parseCidr(String(subnetProps.addressPrefix ?? ""));
    if (!prefix) return badRequest("InvalidAddressPrefixFormat", `Subnet ${subnetName} needs a valid addressPrefix.`);
    if (!spaces.some((s) => s.cidr && cidrWithin(prefix, s.cidr))) {
      return badRequest("NetcfgSubnetRangeOutsideVnet", `Subnet ${subnetName} is not valid because its IP address range is outside the IP address range of virtual network ${name}.`);
    }
    subnets.push({ id: `${id}/subnets/${subnetName}`, name: subnetName, type: `${TYPE}/subnets`, etag: newEtag(),
      properties: { ...subnetProps, provisioningState: "Succeeded" } });
  }
  const resourceGuid = existing?.properties.resourceGuid ?? randomUUID();
  return { id, name, type: TYPE, location: String(body.location ?? existing?.location), tags: (body.tags as Record<string, string>) ?? {},
    etag: newEtag(), properties: { ...props, provisioningState: "Updating", resourceGuid, subnets } } satisfies ArmResource;
}

/** A subnet dropped by the PUT while a NIC still uses it. */
function removedSubnetInUse(arm: ArmContext, before: ArmResource | undefined, after: ArmResource): string | undefined {
  const kept = new Set(((after.properties.subnets ?? []) as Array<{ id: string }>).map((s) => idKey(s.id)));
  const used = [...arm.state.networkInterfaces.values()].flatMap((nic) =>
    ((nic.properties.ipConfigurations ?? []) as Array<{ properties: { subnet?: { id: string } } }>).map((c) => idKey(c.properties.subnet?.id ?? "")));
  return ((before?.properties.subnets ?? []) as Array<{ id: string }>).find((s) => !kept.has(idKey(s.id)) && used.includes(idKey(s.id)))?.id;
}
