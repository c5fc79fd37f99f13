// Event Grid trigger for Key Vault: CertificateNearExpiry / CertificateExpired on a certificate this app
// issued starts (or joins) that cluster's rotation. Decided from the version the app tags `current` (its
// `cluster` tag says which cluster), never from the event's version alone: Key Vault follows its latest
// version, which after a failed rotation is the `failed` one (host-and-service.md §8), and a replayed event
// names a version that is no longer current. Other events and certificates are ignored at debug level, and
// nothing is thrown out of the trigger.
import type { InvocationContext } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import { z } from "zod";
import type { Config } from "../config.js";
import type { AdaptersProvider } from "../domain/ports.js";
import { certificateStem, legacyCertificateStem, parseCertificateName } from "../domain/certificateNames.js";
import { versionInfo } from "../domain/certificateProfiles.js";
import { ClusterAddress, keyVaultName, keyVaultVersion, printable } from "../domain/azureNames.js";
import { certificateTags, rotationInstanceId, type ClusterRef } from "../domain/ids.js";
import type { RotationPlan } from "../domain/rotationPlan.js";
import { findInstance, isActive } from "../adapters/durableStatus.js";
import { currentVersion } from "../domain/rotation.js";
import { parseResourceId } from "../domain/resourceId.js";
import { startOrJoinRotation } from "../adapters/rotationSingleton.js";
import { rotationPlan } from "./rotationStart.js";

/** Key Vault raises CertificateNearExpiry 30 days before expiry (learn.microsoft.com/azure/event-grid/event-schema-key-vault). */
const NEAR_EXPIRY_MS = 30 * 86_400_000;

export const EXPIRY_EVENTS = new Set(["Microsoft.KeyVault.CertificateNearExpiry", "Microsoft.KeyVault.CertificateExpired"]);

// Event Grid schema (eventType) or CloudEvents (type); data fields are PascalCase on the wire (§6.5).
const KeyVaultEvent = z.object({
  eventType: z.string().optional(),
  type: z.string().optional(),
  data: z.object({ ObjectName: keyVaultName, ObjectType: z.string().optional(), Version: keyVaultVersion.optional() }),
});

/** The cluster a certificate's `cluster` tag names, if it is a well-formed Cassandra cluster id: a tag is anyone's text. */
function taggedCluster(clusterId: string | undefined): ClusterRef | undefined {
  const ref = clusterId ? parseResourceId(clusterId) : undefined;
  if (!ref || `${ref.provider}/${ref.type}`.toLowerCase() !== "microsoft.documentdb/cassandraclusters") return undefined;
  const address = ClusterAddress.safeParse({ resourceGroup: ref.resourceGroup, clusterName: ref.name });
  return address.success ? { subscriptionId: ref.subscriptionId, ...address.data } : undefined;
}

/** A rotation instance's plan (an instance started as a sub-orchestration before version 2 shows its input as JSON text). */
function planOf(input: unknown): RotationPlan | undefined {
  try {
    return (typeof input === "string" ? JSON.parse(input) : input) as RotationPlan | undefined;
  } catch {
    return undefined;
  }
}

export async function onKeyVaultEvent(event: unknown, client: DurableClient, context: InvocationContext, deps: { config: Readonly<Config>; adapters: AdaptersProvider }): Promise<void> {
  try {
    const parsed = KeyVaultEvent.safeParse(event);
    const type = parsed.success ? parsed.data.eventType ?? parsed.data.type ?? "" : "";
    if (!parsed.success || !EXPIRY_EVENTS.has(type)) return context.debug("ignored: not a certificate expiry event");
    const name = parsed.data.data.ObjectName;
    const versions = await (await deps.adapters()).certificates.listVersions(name);
    const current = currentVersion(versions.map(versionInfo));
    const certificate = versions.find((v) => v.version === current?.version);
    const cluster = taggedCluster(certificate?.tags[certificateTags.cluster]);
    // Either form of the cluster's names (certificateNames.ts): its own stem, or the cluster name it was issued under before.
    const kind = cluster && (parseCertificateName(name, certificateStem(cluster)) ?? parseCertificateName(name, legacyCertificateStem(cluster)));
    if (!cluster || !kind || certificate?.tags[certificateTags.managedBy] !== deps.config.managedByTag) {
      return context.debug(`ignored: certificate ${name} is not one this app manages`);
    }
    // An event about another version (a replay after its rotation, the failed version, or one naming no version at
    // all, which Key Vault never sends): renew only if the current one is itself near its end (Key Vault's 30 days).
    const eventVersion = parsed.data.data.Version;
    if (eventVersion !== current!.version && Date.parse(current!.notAfter ?? "") - Date.now() > NEAR_EXPIRY_MS) {
      return context.info(`${type} for ${name}: version ${eventVersion ?? "(none)"} is not the current one and the current one is not near expiry; nothing to do`);
    }
    // Handled already: the cluster's last rotation ran for this certificate's current version (a redelivery, or another
    // event about it). Whether that run succeeded or not, the daily check retries, not a repeated event.
    const last = await findInstance(client, rotationInstanceId(cluster), true);
    const handled = last && !isActive(last) ? planOf(last.input)?.trigger : undefined;
    if (handled?.certificate === name && handled.version === current!.version) {
      return context.info(`${type} for ${name}: version ${current!.version} was handled by rotation ${last!.instanceId} already; nothing to do`);
    }
    const plan = rotationPlan(deps.config, cluster, {
      requested: kind.kind, reason: `${type.split(".").pop()} of ${name}`, ...(kind.kind === "client" ? { clients: [kind.client] } : {}),
      trigger: { certificate: name, version: current!.version },
    });
    const outcome = await startOrJoinRotation(client, plan);
    context.info(`${type} for ${name}: rotation ${outcome.instanceId} ${"blockedBy" in outcome ? `waits for ${outcome.blockedBy}` : outcome.started ? "started" : "already running"}`);
  } catch (error) {
    context.warn(`Key Vault event not handled: ${printable(String((error as Error)?.message ?? error).split("\n")[0])}`);
  }
}
