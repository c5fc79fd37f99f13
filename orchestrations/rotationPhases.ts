// The rotation's write phases from version 3 on (docs/certificates.md "Phases"): a run takes the cluster from what it
// observed to the next phase and ends. A CA rotation trusts the new CA next to the old one, issues the clients under it
// (none when the CA is renewed on its own key), verifies, tags the old CA with when it may be retired, promotes, and
// schedules a waker; the retire is a later run (retireCa). No timer of the grace period runs inside the singleton.
// Invariant at every step, crash included: every client certificate marked current is trusted.
import type * as df from "durable-functions";
import type { CertificateRef } from "../activities/contracts.js";
import { caCertificateName, clientCertificateName, stemOf } from "../src/domain/certificateNames.js";
import type { CertificateInventory, CertificateVersionInfo } from "../src/domain/certificateProfiles.js";
import { certificateTags } from "../src/domain/ids.js";
import { keyGeneration } from "../src/domain/retirement.js";
import { currentVersion, type VersionInfo } from "../src/domain/rotation.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import { renewCaOnItsKey } from "./caRenewal.js";
import type { Renewal } from "./rotationLegacy.js";
import type { SagaProgress } from "./progress.js";
import { changeTrust, createCa, issueClient, markFailed, promote, undoTrust, verifyClients } from "./rotationSteps.js";
import { call, StepFailed, type Gen } from "./steps.js";
import type { UndoStack } from "./undoStack.js";

type Ctx = df.OrchestrationContext;

export function* runPhase(ctx: Ctx, plan: RotationPlan, progress: SagaProgress, undo: UndoStack, found: CertificateInventory, decision: Renewal): Gen<unknown> {
  if (decision.action === "retireCa") return yield* retireEarlierCas(ctx, plan, progress, undo, found, decision.thumbprints, decision.reasons);
  const caName = caCertificateName(stemOf(plan));
  const clientName = (client: string) => clientCertificateName(stemOf(plan), client);
  const oldCa = currentVersion(found.ca);
  let ca = oldCa;
  if (decision.action === "rotateCa") {
    progress.begin("createCa", { reasons: decision.reasons, key: decision.reuseKey && oldCa ? "reuse" : "new" });
    const created = decision.reuseKey && oldCa ? yield* renewCaOnItsKey(ctx, plan, progress, found, oldCa) : yield* createCa(ctx, plan, progress);
    ca = created;
    undo.push("stage", () => markFailed(ctx, { name: caName, version: created.version }));
    progress.begin("trustNewCa");
    undo.push("trust", () => undoTrust(ctx, plan, progress, { add: [], remove: [created.thumbprint] }));
    yield* changeTrust(ctx, plan, progress, "trustNewCa", { add: [{ name: caName, version: created.version }], remove: [] });
  }
  if (!ca) throw new StepFailed("issueClients", "the cluster has no current CA");
  // A renewal that could not keep the key (caRenewal.ts) made a new generation: its clients are re-issued under it.
  const newKey = decision.action === "rotateCa" && decision.reuseKey && oldCa && keyGeneration(ca) !== keyGeneration(oldCa);
  const toIssue = newKey ? Object.keys(found.clients).sort() : decision.clients;
  progress.begin("issueClients", { clients: toIssue });
  const issued: Record<string, CertificateVersionInfo> = {};
  for (const client of toIssue) {
    const version = (issued[client] = yield* issueClient(ctx, plan, client, ca)).version;
    undo.push("stage", () => markFailed(ctx, { name: clientName(client), version }));
  }
  progress.begin("verify");
  // The new clients, or (a CA renewed on its key issues none) the current ones, which must keep verifying.
  const clients = toIssue.length ? toIssue.map((c) => ({ name: clientName(c), version: issued[c]!.version })) : currentClients(plan, found);
  const verified = yield* verifyClients(ctx, plan, progress, "verify", clients);
  if (!verified.ok) throw new StepFailed("verify", `mTLS verification failed: ${verified.failures.slice(0, 3).join("; ")}`);

  // From here the new versions are verified and trusted next to the old ones: an interrupted promotion undoes
  // nothing, every current certificate stays trusted and the next rotation finishes the tags.
  progress.begin("promote");
  undo.clear();
  let retireAt: string | undefined;
  if (decision.action === "rotateCa" && oldCa) {
    // Tagged before the promotion makes it previous: an earlier CA without the tag would be due for retirement at once.
    retireAt = new Date(ctx.df.currentUtcDateTime.getTime() + plan.policy.caRetireGraceMs).toISOString();
    yield* call(ctx, "promote", A.tagCertificateVersion, { name: caName, version: oldCa.version, set: { [certificateTags.retireAt]: retireAt }, remove: [] });
  }
  const withPending = (versions: VersionInfo[], v: VersionInfo) => [...versions, { ...v, stage: "pending" as const }];
  if (decision.action === "rotateCa") yield* promote(ctx, caName, withPending(found.ca, ca), ca.version);
  for (const client of toIssue) {
    yield* promote(ctx, clientName(client), withPending(found.clients[client] ?? [], issued[client]!), issued[client]!.version);
  }
  if (retireAt) {
    progress.begin("scheduleRetire", { retireAt });
    yield* call(ctx, "scheduleRetire", A.scheduleRetireWaker, { plan, at: retireAt });
  }
  return { action: decision.action, reasons: decision.reasons, ca: { version: ca.version, thumbprint: ca.thumbprint },
    ...(decision.action === "rotateCa" && oldCa && keyGeneration(ca) === keyGeneration(oldCa) ? { caKey: "reused" } : {}), ...(retireAt ? { retirePendingUntil: retireAt } : {}),
    clients: Object.fromEntries(Object.entries(issued).map(([c, v]) => [c, { version: v.version, thumbprint: v.thumbprint, notAfter: v.notAfter }])) };
}

/** Earlier CAs of ours whose grace is over leave the trust list; every current client must still verify, or they come back. */
function* retireEarlierCas(ctx: Ctx, plan: RotationPlan, progress: SagaProgress, undo: UndoStack, found: CertificateInventory,
  thumbprints: string[], reasons: string[]): Gen<unknown> {
  const caName = caCertificateName(stemOf(plan));
  const leaving = found.ca.filter((v) => thumbprints.includes(v.thumbprint));
  progress.begin("retireOldCa", { thumbprints });
  undo.push("trust", () => undoTrust(ctx, plan, progress, { add: leaving.map((v) => ({ name: caName, version: v.version })), remove: [] }));
  yield* changeTrust(ctx, plan, progress, "retireOldCa", { add: [], remove: thumbprints });
  progress.begin("verifyAfterRetire");
  const after = yield* verifyClients(ctx, plan, progress, "verifyAfterRetire", currentClients(plan, found));
  if (!after.ok) throw new StepFailed("verifyAfterRetire", `current certificates fail without the previous CA: ${after.failures.slice(0, 3).join("; ")}`);
  return { action: "retireCa", reasons, retired: leaving.map((v) => ({ version: v.version, thumbprint: v.thumbprint, generation: keyGeneration(v) })) };
}

/** The client versions tagged current: what the invariant is about. */
function currentClients(plan: RotationPlan, found: CertificateInventory): CertificateRef[] {
  return Object.entries(found.clients).flatMap(([client, versions]) => {
    const v = currentVersion(versions);
    return v ? [{ name: clientCertificateName(stemOf(plan), client), version: v.version }] : [];
  });
}
