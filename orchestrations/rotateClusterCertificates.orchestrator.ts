// Certificate rotation for one cluster (architecture.md "Rotate certificates"). Decide from the Key Vault
// versions and the orchestration clock; for a CA rotation trust the new CA next to the old one, issue
// clients under it, prove them with mTLS, promote, and only after a grace period drop the old CA.
// Invariant at every step, crash included: every client certificate marked current is trusted.
import type * as df from "durable-functions";
import type { CertificateVersionInfo } from "../activities/certificates.activity.js";
import type { CertificateInventory } from "../activities/inventory.activity.js";
import { caCertificateName, clientCertificateName } from "../src/domain/certificateNames.js";
import { currentVersion, decideRotation } from "../src/domain/rotation.js";
import { MONTH_MS, type RotationPlan } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import { SagaProgress } from "./progress.js";
import { call, changeTrust, createCa, issueClient, markFailed, promote, repairTrust, verifyClients } from "./rotationSteps.js";
import { StepFailed } from "./steps.js";

export function* rotateClusterCertificates(ctx: df.OrchestrationContext): Generator<df.Task, unknown, unknown> {
  const plan = ctx.df.getInput() as RotationPlan;
  const caName = caCertificateName(plan.cluster.clusterName);
  const clientName = (client: string) => clientCertificateName(plan.cluster.clusterName, client);
  const progress = new SagaProgress(ctx);

  progress.begin("decide", { reason: plan.reason });
  const found = yield* call<CertificateInventory>(ctx, "decide", A.readCertificateInventory, { cluster: plan.cluster, clients: plan.clients });
  const inventory: Record<string, CertificateVersionInfo[]> = { [caName]: found.ca, ...Object.fromEntries(Object.entries(found.clients).map(([c, v]) => [clientName(c), v])) };
  const decision = decideRotation({
    ca: found.ca,
    clients: found.clients,
    now: ctx.df.currentUtcDateTime,
    policy: { clientRenewFraction: plan.policy.clientRenewFraction, caRenewFraction: plan.policy.caRenewFraction, clientValidityMs: plan.policy.clientValidityMonths * MONTH_MS },
    ...(plan.requested ? { requested: plan.requested } : {}),
    ...(plan.requested === "client" && plan.clients.length ? { requestedClients: plan.clients } : {}),
  });
  if (decision.action === "none") {
    // Nothing is due, but the list may have been replaced by hand (`az … --client-certificates` replaces it).
    const repaired = yield* repairTrust(ctx, plan, progress, found);
    const result = { action: repaired ? "repairTrust" : "none", nextCheckAt: decision.nextCheckAt };
    progress.finish(result);
    return result;
  }

  const oldCa = currentVersion(inventory[caName] ?? []);
  let ca = oldCa;
  const pending: Array<{ name: string; version: string }> = [];
  try {
    if (decision.action === "rotateCa") {
      progress.begin("createCa", { reasons: decision.reasons });
      ca = yield* createCa(ctx, plan, progress);
      pending.push({ name: caName, version: ca.version });
      progress.begin("trustNewCa");
      yield* changeTrust(ctx, plan, progress, "trustNewCa", { add: [{ name: caName, version: ca.version }], remove: [] });
    }
    progress.begin("issueClients", { clients: decision.clients });
    const issued: Record<string, CertificateVersionInfo> = {};
    for (const client of decision.clients) {
      issued[client] = yield* issueClient(ctx, plan, client, ca!);
      pending.push({ name: clientName(client), version: issued[client]!.version });
    }
    progress.begin("verify");
    const clientsToVerify = pending.filter((p) => p.name !== caName);
    const verified = yield* verifyClients(ctx, plan, progress, "verify", clientsToVerify);
    if (!verified.ok) throw new StepFailed("verify", `mTLS verification failed: ${verified.failures.slice(0, 3).join("; ")}`);

    progress.begin("promote");
    if (decision.action === "rotateCa") yield* promote(ctx, caName, [...(inventory[caName] ?? []), { ...ca!, stage: "pending" }], ca!.version);
    for (const client of decision.clients) {
      yield* promote(ctx, clientName(client), [...(inventory[clientName(client)] ?? []), { ...issued[client]!, stage: "pending" }], issued[client]!.version);
    }

    if (decision.action === "rotateCa" && oldCa) {
      const until = new Date(ctx.df.currentUtcDateTime.getTime() + plan.policy.caRetireGraceMs);
      progress.begin("retireOldCa", { oldCa: oldCa.thumbprint, graceUntil: until.toISOString() });
      progress.waiting(`grace period for clients of the previous CA until ${until.toISOString()}`);
      yield ctx.df.createTimer(until);
      // Every earlier CA of ours leaves, also one a failed retire put back; foreign entries stay.
      const earlier = (inventory[caName] ?? []).map((v) => v.thumbprint).filter((t) => t !== ca!.thumbprint);
      yield* changeTrust(ctx, plan, progress, "retireOldCa", { add: [], remove: earlier });
      progress.begin("verifyAfterRetire");
      const after = yield* verifyClients(ctx, plan, progress, "verifyAfterRetire", clientsToVerify);
      if (!after.ok) throw new StepFailed("verifyAfterRetire", `current certificates fail without the previous CA: ${after.failures.slice(0, 3).join("; ")}`);
    }
    const result = { action: decision.action, reasons: decision.reasons, ca: ca ? { version: ca.version, thumbprint: ca.thumbprint } : undefined,
      clients: Object.fromEntries(Object.entries(issued).map(([c, v]) => [c, { version: v.version, thumbprint: v.thumbprint, notAfter: v.notAfter }])) };
    progress.finish(result);
    return result;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    progress.begin("rollback");
    const reached = (step: string) => progress.status.steps.some((s) => s.step === step);
    if (!reached("promote")) {
      // Restore the list as it was: only the CA this rotation added leaves; foreign entries were never touched.
      if (decision.action === "rotateCa" && ca && ca !== oldCa) yield* changeTrust(ctx, plan, progress, "rollback", { add: [], remove: [ca.thumbprint] });
      yield* markFailed(ctx, pending);
    } else if (reached("retireOldCa") && oldCa) {
      yield* changeTrust(ctx, plan, progress, "rollback", { add: [{ name: caName, version: oldCa.version }], remove: [] });
    }
    // Interrupted during promotion: the new versions are verified and trusted next to the old ones, so
    // nothing is undone; every current certificate stays trusted and the next rotation finishes the tags.
    progress.fail({ step: "rotation", reason }, []);
    throw new Error(`Certificate rotation of ${plan.cluster.clusterName} failed: ${reason}. Rolled back.`);
  }
}
