// Subscriptions and tenants as standard tools list them after signing in (subscriptions.json 2022-12-01). The
// emulator's one tenant holds a subscription for every subscription id that has a resource group (seeded or PUT);
// ARM would answer SubscriptionNotFound for a PUT into a subscription the caller cannot see, the emulator lets any
// id hold groups (docs/emulator.md, "Simplified").
import { errorResponse } from "../../core/errors.js";
import type { Route } from "../../types.js";
import { EMULATOR_TENANT_ID } from "../eventGrid.js";
import type { ArmState } from "../state.js";

function subscriptionIds(state: ArmState): string[] {
  const ids = new Map<string, string>();
  for (const group of state.resourceGroups.values()) {
    const id = group.id.split("/")[2] ?? "";
    ids.set(id.toLowerCase(), id);
  }
  return [...ids.values()];
}

/** Shaped after subscriptions.json's GetSubscription example; policies as a pay-as-you-go subscription shows them. */
function subscription(id: string) {
  return {
    id: `/subscriptions/${id}`, authorizationSource: "RoleBased", managedByTenants: [], subscriptionId: id, tenantId: EMULATOR_TENANT_ID,
    displayName: `Emulated subscription ${id}`, state: "Enabled",
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" },
  };
}

export function subscriptionRoutes(state: ArmState): Route[] {
  return [
    { method: "GET", path: "/subscriptions", handler: () => ({ status: 200, body: { value: subscriptionIds(state).map(subscription) } }) },
    { method: "GET", path: "/subscriptions/{subscriptionId}", handler: (_req, p) => {
      const id = subscriptionIds(state).find((s) => s.toLowerCase() === (p.subscriptionId ?? "").toLowerCase());
      return id ? { status: 200, body: subscription(id) }
        : errorResponse(404, "SubscriptionNotFound", `The subscription '${p.subscriptionId}' could not be found.`);
    } },
    { method: "GET", path: "/tenants", handler: () => ({ status: 200, body: { value: [{
      id: `/tenants/${EMULATOR_TENANT_ID}`, tenantId: EMULATOR_TENANT_ID, tenantCategory: "Home", displayName: "Emulated tenant",
    }] } }) },
  ];
}
