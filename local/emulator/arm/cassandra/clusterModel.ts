// How a cluster resource is built from the bodies the SDK sends (reference §1.2, §1.4): read-only fields and
// `provisioningState` are accepted and ignored, create-only fields keep their first value, arrays are replaced whole.
import { createHash, randomUUID } from "node:crypto";
import { EMULATOR_TENANT_ID } from "../eventGrid.js";
import type { ArmResource } from "../state.js";

export const CLUSTER_TYPE = "Microsoft.DocumentDB/cassandraClusters";

/** The Microsoft-managed subscription that hosts each VPN cluster's private link service (format UNVERIFIED, §10). */
export const MANAGED_SUBSCRIPTION_ID = "c9a1e3f5-7b2d-4c6e-8f0a-1b3d5e7f9a2c";

const SERVER_OWNED = ["provisioningState", "seedNodes", "gossipCertificates", "privateLinkResourceId", "provisionError",
  "initialCassandraAdminPassword"];
const CREATE_ONLY = ["delegatedManagementSubnetId", "clusterNameOverride", "restoreFromBackupId"];
const LIST_DEFAULTS = ["clientCertificates", "externalGossipCertificates", "externalSeedNodes"];

export type Json = Record<string, unknown>;
export const asRecord = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});

export function writableProperties(input: unknown): Json {
  return Object.fromEntries(Object.entries(asRecord(input)).filter(([key]) => !SERVER_OWNED.includes(key)));
}

export function newCluster(id: string, name: string, body: Json): ArmResource {
  const properties: Json = { ...writableProperties(body.properties) };
  for (const key of LIST_DEFAULTS) properties[key] ??= [];
  return {
    id,
    name,
    type: CLUSTER_TYPE,
    location: String(body.location),
    tags: (body.tags as Record<string, string> | undefined) ?? {},
    ...identityOf(body.identity),
    properties: { ...properties, provisioningState: "Creating", seedNodes: [], gossipCertificates: [] },
  };
}

/** PUT on an existing cluster: a full replace of the writable properties. */
export function replaceCluster(existing: ArmResource, body: Json): ArmResource {
  const incoming = writableProperties(body.properties);
  const kept = pick(existing.properties, [...CREATE_ONLY, "seedNodes", "gossipCertificates", "privateLinkResourceId"]);
  // What the RP does when a PUT omits azureConnectionMethod is UNVERIFIED (§10); never silently leave VPN mode.
  incoming.azureConnectionMethod ??= existing.properties.azureConnectionMethod;
  for (const key of LIST_DEFAULTS) incoming[key] ??= [];
  return {
    ...existing,
    tags: (body.tags as Record<string, string> | undefined) ?? {},
    ...(body.identity ? identityOf(body.identity, existing.identity) : {}),
    properties: { ...stripUndefined(incoming), ...kept, provisioningState: "Updating" },
  };
}

/** PATCH: each property sent replaces the stored one; create-only properties cannot change. */
export function patchCluster(existing: ArmResource, body: Json): ArmResource {
  const incoming = writableProperties(body.properties);
  for (const key of CREATE_ONLY) delete incoming[key];
  const { provisionError: _cleared, ...current } = existing.properties;
  return {
    ...existing,
    ...(body.tags ? { tags: body.tags as Record<string, string> } : {}),
    ...(body.identity ? identityOf(body.identity, existing.identity) : {}),
    properties: { ...current, ...incoming, provisioningState: "Updating" },
  };
}

export const isVpnCluster = (cluster: ArmResource): boolean => cluster.properties.azureConnectionMethod === "VPN";

/** Stable per cluster id, so a re-created cluster gets the same private link service. */
export function privateLinkServiceIdFor(cluster: ArmResource): string {
  const hash = createHash("sha256").update(cluster.id.toLowerCase()).digest("hex").slice(0, 10);
  const region = String(cluster.location).replace(/\s+/g, "").toLowerCase();
  return `/subscriptions/${MANAGED_SUBSCRIPTION_ID}/resourceGroups/cassandra-mi-${region}-${hash}/providers/Microsoft.Network/privateLinkServices/pls-${cluster.name}-${hash}`;
}

function identityOf(input: unknown, existing?: unknown): Json {
  const type = asRecord(input).type;
  if (type !== "SystemAssigned") return type ? { identity: { type } } : {};
  const previous = asRecord(existing);
  return { identity: { type, principalId: previous.principalId ?? randomUUID(), tenantId: EMULATOR_TENANT_ID } };
}

const pick = (source: Json, keys: string[]): Json =>
  Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));

const stripUndefined = (source: Json): Json =>
  Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined));
