// Cassandra clusters and datacenters (Microsoft.DocumentDB, arm-cosmosdb 16.4.0 → api 2025-10-15).
import type { ClusterResource, CosmosDBManagementClient, DataCenterResource } from "@azure/arm-cosmosdb";
import { acceptedWrite } from "./acceptedWrites.js";
import { setClientCertificates } from "./clusterWrites.js";
import { azureCall, azureGet } from "./errors.js";
import type { ClusterApi, ClusterHealth, ClusterState, DatacenterApi, DatacenterRef, DatacenterState } from "../domain/ports.js";
import type { ClusterRef } from "../domain/ids.js";

type CosmosFor = (subscriptionId: string) => CosmosDBManagementClient;

const clusterName = (r: ClusterRef) => `cluster ${r.resourceGroup}/${r.clusterName}`;

function toClusterState(c: ClusterResource): ClusterState {
  const p = c.properties ?? {};
  return {
    id: c.id ?? "",
    location: c.location ?? "",
    tags: { ...(c.tags ?? {}) },
    provisioningState: p.provisioningState,
    azureConnectionMethod: p.azureConnectionMethod,
    privateLinkResourceId: p.privateLinkResourceId,
    clientCertificates: (p.clientCertificates ?? []).map((c) => c.pem ?? "").filter(Boolean),
    provisionError: p.provisionError ? { code: p.provisionError.code, message: p.provisionError.message } : undefined,
  };
}

export function createClusterApi(cosmos: CosmosFor): ClusterApi {
  const clusters = (r: { subscriptionId: string }) => cosmos(r.subscriptionId).cassandraClusters;
  const health = (ref: ClusterRef): Promise<ClusterHealth> =>
    azureCall(`read node status of ${clusterName(ref)}`, async () => {
      const status = await clusters(ref).status(ref.resourceGroup, ref.clusterName);
      return {
        nodes: (status.dataCenters ?? []).flatMap((dc) =>
          (dc.nodes ?? []).map((n) => ({ datacenter: dc.name ?? "", address: n.address ?? "", state: n.state, status: n.status }))),
        connectionErrors: (status.connectionErrors ?? []).filter((e) => e.connectionState && e.connectionState !== "OK").map((e) => ({
          state: e.connectionState!, ...(e.iPFrom ? { from: e.iPFrom } : {}), ...(e.iPTo ? { to: e.iPTo } : {}),
          ...(e.port ? { port: e.port } : {}), ...(e.exception ? { detail: e.exception.split("\n")[0]!.slice(0, 200) } : {}),
        })),
      };
    });
  return {
    get: async (ref) => {
      const c = await azureGet(`get ${clusterName(ref)}`, () => clusters(ref).get(ref.resourceGroup, ref.clusterName));
      return c && toClusterState(c);
    },
    listBySubscription: (subscriptionId) =>
      azureCall(`list clusters of ${subscriptionId}`, async () => {
        const all: ClusterState[] = [];
        for await (const c of clusters({ subscriptionId }).listBySubscription()) all.push(toClusterState(c));
        return all;
      }),
    beginCreate: (spec) =>
      azureCall(`create ${clusterName(spec)}`, async () => {
        await acceptedWrite((options) => clusters(spec).beginCreateUpdate(spec.resourceGroup, spec.clusterName, {
          location: spec.location,
          tags: spec.tags,
          properties: {
            // Always sent: what the RP does when a PUT omits it is unverified (azure-rest.md §1.4).
            azureConnectionMethod: "VPN",
            delegatedManagementSubnetId: spec.delegatedManagementSubnetId,
            cassandraVersion: spec.cassandraVersion,
            authenticationMethod: "Cassandra",
            initialCassandraAdminPassword: spec.initialAdminPassword,
            clientCertificates: (spec.clientCertificates ?? []).map((pem) => ({ pem })),
          },
        }, options));
      }),
    beginSetClientCertificates: (ref, pems) =>
      azureCall(`update client certificates of ${clusterName(ref)}`, () => setClientCertificates(clusters(ref), ref, pems)),
    beginDelete: (ref) =>
      azureCall(`delete ${clusterName(ref)}`, async () => {
        await acceptedWrite((options) => clusters(ref).beginDelete(ref.resourceGroup, ref.clusterName, options));
      }),
    nodes: async (ref) => (await health(ref)).nodes,
    health,
  };
}

const dcName = (r: DatacenterRef) => `datacenter ${r.resourceGroup}/${r.clusterName}/${r.datacenterName}`;

function toDatacenterState(d: DataCenterResource): DatacenterState {
  const p = d.properties ?? {};
  return {
    id: d.id ?? "",
    provisioningState: p.provisioningState,
    privateEndpointIpAddress: p.privateEndpointIpAddress,
    nodeCount: p.nodeCount,
    seedNodes: (p.seedNodes ?? []).map((s) => s.ipAddress ?? "").filter(Boolean),
    provisionError: p.provisionError ? { code: p.provisionError.code, message: p.provisionError.message } : undefined,
  };
}

export function createDatacenterApi(cosmos: CosmosFor): DatacenterApi {
  const dcs = (r: { subscriptionId: string }) => cosmos(r.subscriptionId).cassandraDataCenters;
  return {
    get: async (ref) => {
      const d = await azureGet(`get ${dcName(ref)}`, () => dcs(ref).get(ref.resourceGroup, ref.clusterName, ref.datacenterName));
      return d && toDatacenterState(d);
    },
    beginCreate: (spec) =>
      azureCall(`create ${dcName(spec)}`, async () => {
        await acceptedWrite((options) => dcs(spec).beginCreateUpdate(spec.resourceGroup, spec.clusterName, spec.datacenterName, {
          properties: {
            dataCenterLocation: spec.location,
            delegatedSubnetId: spec.delegatedSubnetId,
            nodeCount: spec.nodeCount,
            privateEndpointIpAddress: spec.privateEndpointIpAddress,
            ...(spec.sku ? { sku: spec.sku } : {}),
          },
        }, options));
      }),
    beginDelete: (ref) =>
      azureCall(`delete ${dcName(ref)}`, async () => {
        await acceptedWrite((options) => dcs(ref).beginDelete(ref.resourceGroup, ref.clusterName, ref.datacenterName, options));
      }),
  };
}
