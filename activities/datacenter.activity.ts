// Datacenter activities. A datacenter has no tags, so ownership for compensation is its binding to this
// saga's private endpoint address: a datacenter on that address cannot work once the endpoint is gone.
import type { DatacenterRef, ProvisionError } from "../src/adapters/ports.js";
import type { ProvisioningPlan } from "../src/domain/provisioningPlan.js";
import { activity, deleteIfOwned, PermanentProblem, reading, type AdaptersProvider, type DeletionState } from "./stepResult.js";

export interface DatacenterReading {
  exists: boolean;
  provisioningState?: string;
  provisionError?: ProvisionError;
  id?: string;
}

export const ensureDatacenter = (adapters: AdaptersProvider) =>
  activity("ensure datacenter", async (input: { datacenter: ProvisioningPlan["datacenter"]; privateEndpointIp: string }) => {
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
  activity("read datacenter", async (ref: DatacenterRef): Promise<DatacenterReading> => {
    const dc = await (await adapters()).datacenters.get(ref);
    if (!dc) return { exists: false };
    return reading({ id: dc.id, provisioningState: dc.provisioningState, provisionError: dc.provisionError });
  });

export const deleteDatacenter = (adapters: AdaptersProvider) =>
  activity("delete datacenter", async ({ ref, privateEndpointIp }: { ref: DatacenterRef; privateEndpointIp: string }): Promise<DeletionState> => {
    const { datacenters } = await adapters();
    return deleteIfOwned(await datacenters.get(ref), (dc) => dc.privateEndpointIpAddress === privateEndpointIp, () => datacenters.beginDelete(ref));
  });
