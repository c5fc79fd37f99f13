// The rotation's renew step as instances started before version 3 recorded it: a CA rotation waits out the whole
// grace period on a durable timer inside the singleton and then retires the old CA. Kept so those instances replay;
// new instances run orchestrations/rotationPhases.ts instead (docs/certificates.md "Phases").
import type * as df from "durable-functions";
import type { CertificateRef } from "../activities/contracts.js";
import { caCertificateName, clientCertificateName, stemOf } from "../src/domain/certificateNames.js";
import type { CertificateInventory, CertificateVersionInfo } from "../src/domain/certificateProfiles.js";
import { currentVersion, type RotationDecision, type VersionInfo } from "../src/domain/rotation.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import type { SagaProgress } from "./progress.js";
import { changeTrust, createCa, issueClient, markFailed, promote, undoTrust, verifyClients } from "./rotationSteps.js";
import { StepFailed, type Gen } from "./steps.js";
import type { UndoStack } from "./undoStack.js";

export type Renewal = Exclude<RotationDecision, { action: "none" }>;

export function* renewWithGraceInside(ctx: df.OrchestrationContext, plan: RotationPlan, progress: SagaProgress, undo: UndoStack, found: CertificateInventory, decision: Renewal): Gen<unknown> {
  const caName = caCertificateName(stemOf(plan));
  const clientName = (client: string) => clientCertificateName(stemOf(plan), client);
  const oldCa = currentVersion(found.ca);
  let ca = oldCa;
  if (decision.action === "rotateCa") {
    progress.begin("createCa", { reasons: decision.reasons });
    const created = yield* createCa(ctx, plan, progress);
    ca = created;
    undo.push("stage", () => markFailed(ctx, { name: caName, version: created.version }));
    progress.begin("trustNewCa");
    undo.push("trust", () => undoTrust(ctx, plan, progress, { add: [], remove: [created.thumbprint] }));
    yield* changeTrust(ctx, plan, progress, "trustNewCa", { add: [{ name: caName, version: created.version }], remove: [] });
  }
  if (!ca) throw new StepFailed("issueClients", "the cluster has no current CA");
  progress.begin("issueClients", { clients: decision.clients });
  const issued: Record<string, CertificateVersionInfo> = {};
  for (const client of decision.clients) {
    const version = (issued[client] = yield* issueClient(ctx, plan, client, ca)).version;
    undo.push("stage", () => markFailed(ctx, { name: clientName(client), version }));
  }
  progress.begin("verify");
  const clients: CertificateRef[] = decision.clients.map((c) => ({ name: clientName(c), version: issued[c]!.version }));
  const verified = yield* verifyClients(ctx, plan, progress, "verify", clients);
  if (!verified.ok) throw new StepFailed("verify", `mTLS verification failed: ${verified.failures.slice(0, 3).join("; ")}`);

  // From here the new versions are verified and trusted next to the old ones: an interrupted promotion undoes
  // nothing, every current certificate stays trusted and the next rotation finishes the tags.
  progress.begin("promote");
  undo.clear();
  const withPending = (versions: VersionInfo[], v: VersionInfo) => [...versions, { ...v, stage: "pending" as const }];
  if (decision.action === "rotateCa") yield* promote(ctx, caName, withPending(found.ca, ca), ca.version);
  for (const client of decision.clients) {
    yield* promote(ctx, clientName(client), withPending(found.clients[client] ?? [], issued[client]!), issued[client]!.version);
  }
  if (decision.action === "rotateCa" && oldCa) yield* retireOldCa(ctx, plan, progress, undo, { found, ca, oldCa, clients });
  return { action: decision.action, reasons: decision.reasons, ca: { version: ca.version, thumbprint: ca.thumbprint },
    clients: Object.fromEntries(Object.entries(issued).map(([c, v]) => [c, { version: v.version, thumbprint: v.thumbprint, notAfter: v.notAfter }])) };
}

/** After the grace period, every earlier CA of ours leaves (also one a failed retire put back); foreign entries stay. */
function* retireOldCa(ctx: df.OrchestrationContext, plan: RotationPlan, progress: SagaProgress, undo: UndoStack,
  r: { found: CertificateInventory; ca: VersionInfo; oldCa: VersionInfo; clients: CertificateRef[] }): Gen<void> {
  const until = new Date(ctx.df.currentUtcDateTime.getTime() + plan.policy.caRetireGraceMs);
  progress.begin("retireOldCa", { oldCa: r.oldCa.thumbprint, graceUntil: until.toISOString() });
  progress.waiting(`grace period for clients of the previous CA until ${until.toISOString()}`);
  yield ctx.df.createTimer(until);
  const caName = caCertificateName(stemOf(plan));
  undo.push("trust", () => undoTrust(ctx, plan, progress, { add: [{ name: caName, version: r.oldCa.version }], remove: [] }));
  const earlier = r.found.ca.map((v) => v.thumbprint).filter((t) => t !== r.ca.thumbprint);
  yield* changeTrust(ctx, plan, progress, "retireOldCa", { add: [], remove: earlier });
  progress.begin("verifyAfterRetire");
  const after = yield* verifyClients(ctx, plan, progress, "verifyAfterRetire", r.clients);
  if (!after.ok) throw new StepFailed("verifyAfterRetire", `current certificates fail without the previous CA: ${after.failures.slice(0, 3).join("; ")}`);
}
