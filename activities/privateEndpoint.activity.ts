// Private endpoint activities: ensure the manual connection with its static IP, read the connection
// state (re-read on every approval check), read the NIC's IP, delete what this saga made.
import { tags } from "../src/domain/ids.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { sameResourceId } from "../src/domain/resourceId.js";
import { activities as A } from "../src/names.js";
import { defineActivity, deleteIfOwned, PermanentProblem, reading } from "./stepResult.js";

export const ensurePrivateEndpoint = (adapters: AdaptersProvider) =>
  defineActivity(A.ensurePrivateEndpoint, "ensure private endpoint", async (input) => {
    const { network } = await adapters();
    const { endpoint } = input;
    const existing = await network.getPrivateEndpoint(endpoint);
    if (existing) {
      // Adopt only the endpoint this request describes; anything else under that name is not ours to use.
      if (!sameResourceId(existing.privateLinkServiceId, input.privateLinkServiceId) || !existing.staticIpAddresses.includes(endpoint.ipAddress)) {
        throw new PermanentProblem("PrivateEndpointMismatch", `private endpoint ${endpoint.name} exists with another target or address`);
      }
      return { createdByThisSaga: existing.tags[tags.provisioningInstance] === input.tags[tags.provisioningInstance] };
    }
    await network.beginCreatePrivateEndpoint({
      ...endpoint, privateLinkServiceId: input.privateLinkServiceId, staticIpAddress: endpoint.ipAddress,
      requestMessage: `Azure Managed Instance for Apache Cassandra VPN for cluster ${input.clusterName}`, tags: input.tags,
    });
    return { createdByThisSaga: true };
  });

export const readPrivateEndpoint = (adapters: AdaptersProvider) =>
  defineActivity(A.readPrivateEndpoint, "read private endpoint", async (ref) => {
    const pe = await (await adapters()).network.getPrivateEndpoint(ref);
    if (!pe) return { exists: false };
    return reading({ provisioningState: pe.provisioningState, connectionStatus: pe.connectionStatus, description: pe.connectionDescription });
  });

export const readEndpointIp = (adapters: AdaptersProvider) =>
  defineActivity(A.readEndpointIp, "read private endpoint IP", async (ref) => {
    const { network } = await adapters();
    const pe = await network.getPrivateEndpoint(ref);
    if (!pe?.networkInterfaceId) throw new PermanentProblem("PrivateEndpointHasNoNic", `private endpoint ${ref.name} has no network interface`);
    const ip = await network.getNetworkInterfaceIp(pe.networkInterfaceId);
    if (!ip) throw new PermanentProblem("NicHasNoAddress", `network interface of ${ref.name} has no private IP address`);
    return { ip, privateEndpointId: pe.id, networkInterfaceId: pe.networkInterfaceId };
  });

export const deletePrivateEndpoint = (adapters: AdaptersProvider) =>
  defineActivity(A.deletePrivateEndpoint, "delete private endpoint", async ({ ref, instanceId }) => {
    const { network } = await adapters();
    return deleteIfOwned(await network.getPrivateEndpoint(ref), (pe) => pe.tags[tags.provisioningInstance] === instanceId,
      () => network.beginDeletePrivateEndpoint(ref));
  });
