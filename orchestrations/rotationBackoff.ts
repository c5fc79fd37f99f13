// Backoff state of a cluster's rotations on its current CA version's tags (src/domain/backoff.ts): one more failure
// is recorded by the rollback path, a success clears it. Read back by decideRotation, which lets scheduled checks
// skip the cluster until `nextAttemptAt`.
import type * as df from "durable-functions";
import { BACKOFF_TAGS, backoffCarrier, failureTags } from "../src/domain/backoff.js";
import { caCertificateName, stemOf } from "../src/domain/certificateNames.js";
import type { CertificateInventory } from "../src/domain/certificateProfiles.js";
import { currentVersion } from "../src/domain/rotation.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import { call, type Gen } from "./steps.js";

/** Re-reads the CA (a rolled-back or half-promoted rotation may have moved `current`) and counts one more failure on it. */
export function* recordFailure(ctx: df.OrchestrationContext, plan: RotationPlan, reason: string): Gen<void> {
  const name = caCertificateName(stemOf(plan));
  // Without a current CA (a first issuance that failed) the failed version carries it. Code before this yielded
  // nothing after the read here, so the tag write comes after an older instance's last recorded step: it replays as is.
  const ca = backoffCarrier((yield* call(ctx, "rollback", A.readCertificateVersions, { names: [name] }))[name] ?? []);
  if (!ca) return;
  yield* call(ctx, "rollback", A.tagCertificateVersion, { name, version: ca.version, set: failureTags(ca, reason, ctx.df.currentUtcDateTime), remove: [] });
}

/** After a success, the current CA the run started from carries no backoff any more. */
export function* clearFailures(ctx: df.OrchestrationContext, plan: RotationPlan, found: CertificateInventory): Gen<void> {
  const ca = currentVersion(found.ca);
  if (!ca?.failures && !ca?.nextAttemptAt) return;
  yield* call(ctx, "done", A.tagCertificateVersion, { name: caCertificateName(stemOf(plan)), version: ca.version, set: {}, remove: BACKOFF_TAGS });
}
