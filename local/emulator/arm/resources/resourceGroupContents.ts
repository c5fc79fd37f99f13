// "When you delete a resource group, all of its resources are also deleted" (resources.json ResourceGroups_Delete):
// every emulated resource under the group goes when its delete operation completes, with what belongs to it
// (a cluster's data centers and node addresses, an endpoint's NIC). The Cassandra nodes follow the state.
import { removeDataCenter } from "../cassandra/dataCenterModel.js";
import { idKey } from "../ids.js";
import type { ArmState } from "../state.js";

export function deleteResourceGroupContents(state: ArmState, resourceGroupId: string): void {
  const prefix = `${idKey(resourceGroupId)}/`;
  const inGroup = (key: string) => key.startsWith(prefix);
  for (const key of [...state.dataCenters.keys()].filter(inGroup)) removeDataCenter(state, key);
  for (const key of [...state.clusters.keys()].filter(inGroup)) {
    state.clusters.delete(key);
    state.cassandraAdminPasswords.delete(key);
  }
  for (const [key, record] of [...state.privateEndpoints].filter(([k]) => inGroup(k))) {
    state.networkInterfaces.delete(record.networkInterfaceKey);
    state.privateEndpoints.delete(key);
  }
  for (const key of [...state.networkInterfaces.keys()].filter(inGroup)) state.networkInterfaces.delete(key);
  for (const key of [...state.virtualNetworks.keys()].filter(inGroup)) state.virtualNetworks.delete(key);
}
