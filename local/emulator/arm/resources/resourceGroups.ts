// Microsoft.Resources resource groups (resources.json 2025-04-01): PUT / GET / DELETE / list, and the scope rule
// every resource request meets first: a resource in a group that does not exist is answered 404
// ResourceGroupNotFound, and a write into a group being deleted 409 ResourceGroupBeingDeleted.
import { errorResponse } from "../../core/errors.js";
import type { EmulatorRequest, EmulatorResponse, Route } from "../../types.js";
import type { ArmContext } from "../context.js";
import { locationRequired } from "../errors.js";
import { idKey, normalizeLocation, type RouteParams } from "../ids.js";
import type { ArmResource, ArmState } from "../state.js";
import { deleteResourceGroupContents } from "./resourceGroupContents.js";

const TYPE = "Microsoft.Resources/resourceGroups";
const RG = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}";

export interface ResourceGroupSeed {
  subscriptionId: string;
  name: string;
  location: string;
}

export const resourceGroupKey = (subscriptionId: string, name: string): string => idKey(`/subscriptions/${subscriptionId}/resourceGroups/${name}`);

/** "Resource group 'x' could not be found." is ARM's text (reference §7.1; azure-cli and SDK issue reports). */
export const resourceGroupNotFound = (name: string): EmulatorResponse =>
  errorResponse(404, "ResourceGroupNotFound", `Resource group '${name}' could not be found.`);

/** The code is ARM's; the text is UNVERIFIED (third-party reports quote it this way). */
const beingDeleted = (name: string): EmulatorResponse =>
  errorResponse(409, "ResourceGroupBeingDeleted", `The resource group '${name}' is in deprovisioning state and cannot perform this operation.`);

export function buildResourceGroup(seed: ResourceGroupSeed, tags: Record<string, string> = {}, managedBy?: string): ArmResource {
  return { id: `/subscriptions/${seed.subscriptionId}/resourceGroups/${seed.name}`, name: seed.name, type: TYPE,
    location: normalizeLocation(seed.location), ...(managedBy ? { managedBy } : {}), tags, properties: { provisioningState: "Succeeded" } };
}

/** A group the user already has (a state seed: the app never creates resource groups). Existing groups are kept. */
export function seedResourceGroup(state: ArmState, seed: ResourceGroupSeed): void {
  const key = resourceGroupKey(seed.subscriptionId, seed.name);
  if (!state.resourceGroups.has(key)) state.resourceGroups.set(key, buildResourceGroup(seed));
}

/** ARM checks the group of `/subscriptions/{s}/resourceGroups/{rg}/providers/…` before the resource provider. */
export function resourceGroupScopeProblem(state: ArmState, req: EmulatorRequest): EmulatorResponse | undefined {
  const scope = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\//i.exec(req.path);
  if (!scope) return undefined;
  const name = decodeURIComponent(scope[2] ?? "");
  const group = state.resourceGroups.get(resourceGroupKey(decodeURIComponent(scope[1] ?? ""), name));
  if (!group) return resourceGroupNotFound(name);
  return group.properties.provisioningState === "Deleting" && req.method !== "GET" ? beingDeleted(String(group.name)) : undefined;
}

export function resourceGroupRoutes(arm: ArmContext): Route[] {
  const { state } = arm;
  const find = (p: RouteParams) => state.resourceGroups.get(resourceGroupKey(p.subscriptionId ?? "", p.resourceGroupName ?? ""));
  arm.lro.register("resourceGroup.delete", {
    succeed(op) {
      deleteResourceGroupContents(state, op.target);
      state.resourceGroups.delete(idKey(op.target));
      return undefined;
    },
    fail(op) {
      const group = state.resourceGroups.get(idKey(op.target));
      if (group) group.properties.provisioningState = "Succeeded";
    },
  });
  return [
    { method: "PUT", path: RG, handler: (req, p) => {
      const existing = find(p);
      if (existing?.properties.provisioningState === "Deleting") return beingDeleted(String(existing.name));
      const body = req.body as { location?: string; tags?: Record<string, string>; managedBy?: string };
      if (typeof body.location !== "string") return locationRequired();
      // The location is create-only (x-ms-mutability read, create): a later PUT keeps the first one.
      const group = buildResourceGroup({ subscriptionId: p.subscriptionId ?? "", name: existing?.name ?? p.resourceGroupName ?? "",
        location: existing?.location ?? body.location }, body.tags ?? {}, body.managedBy);
      state.resourceGroups.set(resourceGroupKey(p.subscriptionId ?? "", p.resourceGroupName ?? ""), group);
      return { status: existing ? 200 : 201, body: group };
    } },
    { method: "GET", path: RG, handler: (_req, p) => {
      const group = find(p);
      return group ? { status: 200, body: group } : resourceGroupNotFound(p.resourceGroupName ?? "");
    } },
    { method: "GET", path: "/subscriptions/{subscriptionId}/resourcegroups", handler: (_req, p) => ({ status: 200, body: {
      value: [...state.resourceGroups.values()].filter((g) => g.id.toLowerCase().startsWith(`/subscriptions/${(p.subscriptionId ?? "").toLowerCase()}/`)),
    } }) },
    { method: "DELETE", path: RG, handler: (req, p) => {
      const group = find(p);
      if (!group) return resourceGroupNotFound(p.resourceGroupName ?? "");
      group.properties.provisioningState = "Deleting";
      const op = arm.lro.start({ provider: "Microsoft.Resources", subscriptionId: p.subscriptionId ?? "", location: String(group.location),
        apiVersion: req.url.searchParams.get("api-version") ?? "", kind: "resourceGroup.delete", target: group.id, lockKey: idKey(group.id) }, req);
      return { status: 202, headers: arm.lro.headers(op, true) };
    } },
  ];
}
