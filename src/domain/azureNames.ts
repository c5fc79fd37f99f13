// Azure's naming rules for everything a caller or an event can name, as zod schemas: every route and trigger checks
// its names and ids with these before anything is read, started or written (house-style "validate at the edge").
// A name that passes contains no `/ \ ? # %`, no `..` segment and no control character, so the ARM and Key Vault
// paths, the instance ids (domain/ids.ts) and the durable client's URLs built from it need no further escaping.
// Sources: managedCassandra.json (cluster, datacenter), ARM resource naming rules (resource groups, Microsoft.Network),
// Key Vault object names, and the Durable extension's instance id rules (host-and-service.md §5).
import { z } from "zod";

export const subscriptionId = z.string().regex(/^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "must be a subscription GUID");
/** 1-90 letters, digits, `- _ . ( )`, not ending in `.` (ARM also allows non-ASCII letters; the app does not). */
export const resourceGroupName = z.string()
  .regex(/^[-\w.()]{0,89}[-\w()]$/, "must be a resource group name (1-90 of letters, digits, - _ . ( ), not ending in .)");
/** Cassandra cluster and datacenter names: letters and digits in runs joined by single hyphens, at most 100. */
export const cassandraName = z.string().max(100, "must be at most 100 characters")
  .regex(/^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/, "must be letters, digits and single hyphens");
/** A client of a cluster: part of its Key Vault certificate name `<stem>-client-<client>` (certificateNames.ts). */
export const clientName = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/, "must be lower-case letters, digits and hyphens (1-32)");
export const networkName = z.string().regex(/^[a-zA-Z0-9]([\w.-]{0,78}\w)?$/, "must be a network resource name (1-80 characters)");
export const keyVaultName = z.string().regex(/^[0-9a-zA-Z-]{1,127}$/, "must be a Key Vault object name (1-127 letters, digits, hyphens)");
export const keyVaultVersion = z.string().regex(/^[0-9a-zA-Z]{1,64}$/, "must be a Key Vault version id");
export const location = z.string().regex(/^[A-Za-z][A-Za-z0-9 ]{1,49}$/, "must be an Azure region name such as eastus2");

/** The route parameters of /api/clusters/{resourceGroup}/{clusterName}/… */
export const ClusterAddress = z.strictObject({ resourceGroup: resourceGroupName, clusterName: cassandraName });

// Instance ids as the app answers them: `<kind>:<sub>:<group>:<name>` (domain/ids.ts), its digest form, or the form
// before version 2 (`<kind>-<sub>-<group>-<name>`). Lower-case ASCII and `: . _ ( ) -` only: one URL path segment as
// it is. Whether the id is of the kind a route serves is that route's 404.
export const instanceId = z.string().max(256, "must be at most 256 characters")
  .regex(/^[a-z0-9][a-z0-9:._()-]*$/, "must be an instance id as the app answered it (lower-case letters, digits and : . _ ( ) -)");

/** Characters that must never reach a log line or a header as they are: C0/C1 controls, DEL, line/paragraph separators. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Text from outside (an event field, an error message) made safe for one log line: controls escaped, length capped. */
export function printable(text: unknown, max = 200): string {
  const escaped = String(text).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
