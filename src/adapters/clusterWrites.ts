// Writing a cluster's clientCertificates (arm-cosmosdb 16.4.0 → api 2025-10-15). The spec defines PATCH, which sends
// exactly {"properties":{"clientCertificates":[…]}} (azure-rest.md §1.4). Terraform's azurerm provider nevertheless
// updates clusters with a full PUT, "Though there is update method but Service API complains it isn't implemented"
// (internal/services/cosmos/cosmosdb_cassandra_cluster_resource.go), and `az managed-cassandra cluster update` does
// GET + full PUT (azext_cosmosdb_preview/custom.py). So PATCH first, and when the service refuses it the way an
// unimplemented PATCH may be refused (patchNotImplemented), read the cluster and PUT it back whole with the new list
// (host-and-service.md "clientCertificates writes").
import type { CassandraClusters, ClusterResource, ClusterResourceProperties } from "@azure/arm-cosmosdb";
import type { ClusterRef } from "../domain/ids.js";
import { acceptedWrite } from "./acceptedWrites.js";

/** `NotImplemented`, "not implemented", "isn't implemented": how a service says it has no such operation. */
const NOT_IMPLEMENTED = /not\s?implemented|n't\s+implemented/i;

/**
 * When a refused PATCH means "use the PUT": 400, 405 (method not allowed), 501 (not implemented), or any other 4xx
 * whose code or message says "not implemented". The service's actual answer is unverified (Terraform's comment gives
 * neither status nor text; host-and-service.md), so a plain 400 falls back too: a genuine bad request (e.g. a
 * malformed PEM) is refused again by the PUT, and that refusal is what the caller sees. 404, 409 (busy), 403 and 429
 * mean the same for a PUT, and 5xx other than 501 are transient; 501 is not retried by the SDK (azure-rest.md §7.3).
 */
export function patchNotImplemented(error: unknown): boolean {
  const e = (error ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (e.statusCode === 400 || e.statusCode === 405 || e.statusCode === 501) return true;
  if (typeof e.statusCode !== "number" || e.statusCode < 400 || e.statusCode >= 500) return false;
  return [e.code, e.message].some((text) => typeof text === "string" && NOT_IMPLEMENTED.test(text));
}

/**
 * The PUT that replaces the cluster with itself and the new list: every property the spec lets a PUT write, as read
 * (managedCassandra.json ClusterResource). Left out: the readOnly ones (gossipCertificates, seedNodes,
 * privateLinkResourceId; id, name, type), the create-only ones a GET cannot return (restoreFromBackupId,
 * initialCassandraAdminPassword: x-ms-secret, "Returns null on GET"), and the server's own provisioningState and
 * provisionError. delegatedManagementSubnetId and clusterNameOverride (create, read) go back unchanged, as Terraform's
 * and the CLI's PUTs send them. azureConnectionMethod is always carried: the CLI's PUT drops it, and what the RP does
 * then is unverified (azure-rest.md §1.4, §10).
 */
export function replacementOf(current: ClusterResource, pems: string[]): ClusterResource {
  const p = current.properties ?? {};
  const properties: ClusterResourceProperties = {
    azureConnectionMethod: p.azureConnectionMethod,
    delegatedManagementSubnetId: p.delegatedManagementSubnetId,
    clusterNameOverride: p.clusterNameOverride,
    cassandraVersion: p.cassandraVersion,
    authenticationMethod: p.authenticationMethod,
    prometheusEndpoint: p.prometheusEndpoint,
    repairEnabled: p.repairEnabled,
    externalGossipCertificates: p.externalGossipCertificates,
    externalSeedNodes: p.externalSeedNodes,
    hoursBetweenBackups: p.hoursBetweenBackups,
    deallocated: p.deallocated,
    cassandraAuditLoggingEnabled: p.cassandraAuditLoggingEnabled,
    clientCertificates: pems.map((pem) => ({ pem })),
  };
  const defined = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined && v !== null)) as ClusterResourceProperties;
  return {
    location: current.location,
    tags: { ...(current.tags ?? {}) },
    ...(current.identity?.type ? { identity: { type: current.identity.type } } : {}),
    properties: defined,
  };
}

/** PATCH the list; when PATCH is not implemented, GET the cluster and PUT it whole. Starts the LRO, never awaits it. */
export async function setClientCertificates(clusters: CassandraClusters, ref: ClusterRef, pems: string[]): Promise<void> {
  try {
    await acceptedWrite((options) => clusters.beginUpdate(ref.resourceGroup, ref.clusterName, { properties: { clientCertificates: pems.map((pem) => ({ pem })) } }, options));
    return;
  } catch (error) {
    if (!patchNotImplemented(error)) throw error;
  }
  // Read just before the write: the cluster has no ETag, so this PUT is safe only because one writer per cluster
  // holds it (architecture.md "One writer per cluster") and the previous write was read back (rotationSteps.changeTrust).
  const current = await clusters.get(ref.resourceGroup, ref.clusterName);
  await acceptedWrite((options) => clusters.beginCreateUpdate(ref.resourceGroup, ref.clusterName, replacementOf(current, pems), options));
}
