// What the status page (GET /api/ui) shows, read the way the JSON routes read it: every provisioning with its step
// timeline and what it waits on (a running approval wait's own next check), every managed cluster with its CA and
// client certificates, stages and days to expiry, its last and next rotation, and the fleet's last run.
import type { DurableClient, DurableOrchestrationStatus, OrchestrationFilter } from "durable-functions";
import { readInventory } from "../adapters/certificateInventory.js";
import { findInstance, isActive } from "../adapters/durableStatus.js";
import { listManagedClusters } from "../adapters/managedClusters.js";
import { rotationSettings, type Config } from "../config.js";
import { caCertificateName } from "../domain/certificateNames.js";
import type { CertificateVersionInfo } from "../domain/certificateProfiles.js";
import type { FleetCluster } from "../domain/fleetWindow.js";
import { rotationInstanceId, undoInstanceId, type ClusterRef } from "../domain/ids.js";
import type { AdaptersProvider } from "../domain/ports.js";
import { decideRotation } from "../domain/rotation.js";
import { rotationInputFor, rotationPlanFor } from "../domain/rotationPlan.js";
import { orchestrations } from "../names.js";
import { instanceView } from "./instanceView.js";

const DAY_MS = 86_400_000;

export interface ProvisioningRow {
  view: ReturnType<typeof instanceView>;
  cluster: string;
  waitingOn?: string;
  nextCheckAt?: string;
  undo?: ReturnType<typeof instanceView>;
}

export interface CertificateRow extends CertificateVersionInfo {
  kind: "CA" | "client";
  name: string;
  daysToExpiry: number;
}

export interface ClusterRow {
  ref: ClusterRef;
  certificates: CertificateRow[];
  nextRotation: string;
  lastRotation?: ReturnType<typeof instanceView>;
  error?: string;
}

export interface StatusPageData {
  now: string;
  provisionings: ProvisioningRow[];
  clusters: ClusterRow[];
  fleet?: ReturnType<typeof instanceView>;
}

const newestFirst = (a: DurableOrchestrationStatus, b: DurableOrchestrationStatus) => String(b.createdTime).localeCompare(String(a.createdTime));

async function provisioningRow(client: DurableClient, status: DurableOrchestrationStatus): Promise<ProvisioningRow> {
  const progress = (status.customStatus ?? {}) as { details?: { approvalInstanceId?: string }; waitingOn?: string };
  const approvalId = progress.details?.approvalInstanceId;
  const approval = isActive(status) && approvalId ? await findInstance(client, approvalId) : undefined;
  const wait = approval && isActive(approval) ? (approval.customStatus ?? {}) as { waitingOn?: string; nextCheckAt?: string } : {};
  const undo = isActive(status) ? undefined : await findInstance(client, undoInstanceId(status.instanceId));
  const ours = undo && new Date(undo.createdTime).getTime() >= new Date(status.createdTime).getTime();
  const input = (status.input ?? {}) as { cluster?: ClusterRef };
  const view = instanceView(status);
  const waitingOn = wait.waitingOn ?? (view.progress as { waitingOn?: string }).waitingOn;
  return {
    view, cluster: input.cluster ? `${input.cluster.resourceGroup}/${input.cluster.clusterName}` : "",
    ...(waitingOn ? { waitingOn } : {}), ...(wait.nextCheckAt ? { nextCheckAt: wait.nextCheckAt } : {}),
    ...(ours ? { undo: instanceView(undo) } : {}),
  };
}

async function clusterRow(deps: PageDeps, client: DurableClient, { listed, ...ref }: Required<FleetCluster>, provisioning: boolean): Promise<ClusterRow> {
  const now = deps.now.getTime();
  const rotation = await findInstance(client, rotationInstanceId(ref));
  const base = { ref, ...(rotation ? { lastRotation: instanceView(rotation) } : {}) };
  try {
    const { certificates } = await deps.adapters();
    const found = await readInventory(certificates, ref, [], deps.config.managedByTag, listed);
    const row = (kind: CertificateRow["kind"], name: string) => (v: CertificateVersionInfo): CertificateRow =>
      ({ ...v, kind, name, daysToExpiry: Math.floor((new Date(v.notAfter ?? 0).getTime() - now) / DAY_MS) });
    const decision = decideRotation(rotationInputFor(rotationPlanFor(rotationSettings(deps.config), ref, { reason: "status" }), found, deps.now));
    return {
      ...base,
      certificates: [...found.ca.map(row("CA", caCertificateName(found.stem))),
        ...Object.entries(found.clients).flatMap(([name, versions]) => versions.map(row("client", name)))],
      // While its provisioning runs, that saga is the cluster's one writer and issues the first certificates.
      nextRotation: provisioning ? "after the provisioning, which issues the first certificates"
        : decision.action === "none" ? `check at ${decision.nextCheckAt ?? "–"}` : `${decision.action} due now: ${decision.reasons.join("; ")}`,
    };
  } catch (error) {
    return { ...base, certificates: [], nextRotation: "unknown", error: String((error as Error)?.message ?? error).split("\n")[0]! };
  }
}

export interface PageDeps {
  config: Readonly<Config>;
  adapters: AdaptersProvider;
  now: Date;
}

export async function statusPageData(client: DurableClient, deps: PageDeps): Promise<StatusPageData> {
  // The library passes showInput through to the list query although its filter type omits it (the cluster is in the input).
  const all = await client.getStatusBy({ showInput: true } as OrchestrationFilter);
  const provisionings = await Promise.all(all.filter((s) => s.name === orchestrations.provisionVpnCluster).sort(newestFirst)
    .map((s) => provisioningRow(client, s)));
  const fleet = all.filter((s) => s.name === orchestrations.rotateFleetPaced || s.name === orchestrations.rotateFleet).sort(newestFirst)[0];
  const refs = await listManagedClusters(await deps.adapters(), deps.config.azure.managedSubscriptions, deps.config.managedByTag).catch(() => []);
  const provisioning = new Set(provisionings.filter((p) => isActive({ runtimeStatus: p.view.runtimeStatus } as DurableOrchestrationStatus)).map((p) => p.cluster));
  const clusters = await Promise.all(refs.map((ref) => clusterRow(deps, client, ref, provisioning.has(`${ref.resourceGroup}/${ref.clusterName}`))));
  return { now: deps.now.toISOString(), provisionings, clusters, ...(fleet ? { fleet: instanceView(fleet) } : {}) };
}
