// Datacenter activities. A datacenter has no tags, so ownership for compensation is its binding to this
// saga's private endpoint address: a datacenter on that address cannot work once the endpoint is gone.
import type { AdaptersProvider } from "../src/domain/ports.js";
import { activities as A } from "../src/names.js";
import { defineActivity, deleteIfOwned, PermanentProblem, reading } from "./stepResult.js";

export const ensureDatacenter = (adapters: AdaptersProvider) =>
  defineActivity(A.ensureDatacenter, "ensure datacenter", async (input) => {
    const { datacenters } = await adapters();
    const existing = await datacenters.get(input.datacenter);
    if (existing) {
      if (existing.privateEndpointIpAddress !== input.privateEndpointIp) {
        throw new PermanentProblem("DatacenterMismatch", `datacenter ${input.datacenter.datacenterName} exists with another privateEndpointIpAddress`);
      }
      return { adopted: true };
    }
    await datacenters.beginCreate({ ...input.datacenter, privateEndpointIpAddress: input.privateEndpointIp });
    return { adopted: false };
  });

export const readDatacenter = (adapters: AdaptersProvider) =>
  defineActivity(A.readDatacenter, "read datacenter", async (ref) => {
    const dc = await (await adapters()).datacenters.get(ref);
    if (!dc) return { exists: false };
    return reading({ id: dc.id, provisioningState: dc.provisioningState, provisionError: dc.provisionError });
  });

export const deleteDatacenter = (adapters: AdaptersProvider) =>
  defineActivity(A.deleteDatacenter, "delete datacenter", async ({ ref, privateEndpointIp }) => {
    const { datacenters } = await adapters();
    return deleteIfOwned(await datacenters.get(ref), (dc) => dc.privateEndpointIpAddress === privateEndpointIp, () => datacenters.beginDelete(ref));
  });
