// Microsoft.Network/networkInterfaces GET: the NICs private endpoints create (reference §4.3).
import type { Route } from "../../types.js";
import type { ArmContext } from "../context.js";
import { resourceNotFound } from "../errors.js";
import { idKey, networkId } from "../ids.js";

export function networkInterfaceRoutes({ state }: ArmContext): Route[] {
  return [{
    method: "GET",
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkInterfaces/{networkInterfaceName}",
    handler: (_req, p) => {
      const nic = state.networkInterfaces.get(idKey(networkId(p, "networkInterfaces", p.networkInterfaceName ?? "")));
      return nic ? { status: 200, body: nic }
        : resourceNotFound("Microsoft.Network/networkInterfaces", p.networkInterfaceName ?? "", p.resourceGroupName);
    },
  }];
}
