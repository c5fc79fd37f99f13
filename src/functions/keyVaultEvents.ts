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
import { parseCertificateName } from "../domain/certificateNames.js";
import { versionInfo } from "../domain/certificateProfiles.js";
import { certificateTags } from "../domain/ids.js";
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
  data: z.object({ ObjectName: z.string().min(1), ObjectType: z.string().optional(), Version: z.string().optional() }),
});

export async function onKeyVaultEvent(event: unknown, client: DurableClient, context: InvocationContext, deps: { config: Readonly<Config>; adapters: AdaptersProvider }): Promise<void> {
  try {
    const parsed = KeyVaultEvent.safeParse(event);
    const type = parsed.success ? parsed.data.eventType ?? parsed.data.type ?? "" : "";
    if (!parsed.success || !EXPIRY_EVENTS.has(type)) return context.debug("ignored: not a certificate expiry event");
    const name = parsed.data.data.ObjectName;
    const versions = await (await deps.adapters()).certificates.listVersions(name);
    const current = currentVersion(versions.map(versionInfo));
    const certificate = versions.find((v) => v.version === current?.version);
    const clusterId = certificate?.tags[certificateTags.cluster];
    const cluster = clusterId ? parseResourceId(clusterId) : undefined;
    const kind = cluster && parseCertificateName(name, cluster.name);
    if (!cluster || !kind || certificate?.tags[certificateTags.managedBy] !== deps.config.managedByTag) {
      return context.debug(`ignored: certificate ${name} is not one this app manages`);
    }
    // An event about another version: renew only if the current one is itself near its end (Key Vault's 30 days).
    const eventVersion = parsed.data.data.Version;
    const stale = eventVersion !== undefined && eventVersion !== current!.version;
    if (stale && Date.parse(current!.notAfter ?? "") - Date.now() > NEAR_EXPIRY_MS) {
      return context.info(`${type} for ${name}: version ${eventVersion} is not the current one and the current one is not near expiry; nothing to do`);
    }
    const plan = rotationPlan(deps.config, { subscriptionId: cluster.subscriptionId, resourceGroup: cluster.resourceGroup, clusterName: cluster.name }, {
      requested: kind.kind, reason: `${type.split(".").pop()} of ${name}`, ...(kind.kind === "client" ? { clients: [kind.client] } : {}),
    });
    const outcome = await startOrJoinRotation(client, plan);
    context.info(`${type} for ${name}: rotation ${outcome.instanceId} ${"blockedBy" in outcome ? `waits for ${outcome.blockedBy}` : outcome.started ? "started" : "already running"}`);
  } catch (error) {
    context.warn(`Key Vault event not handled: ${String((error as Error)?.message ?? error).split("\n")[0]}`);
  }
}
