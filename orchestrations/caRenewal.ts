// CA_RENEWAL_KEY=reuse: the CA certificate is renewed as a new Key Vault version on the same non-exportable key
// (policy reuse_key with issuer Unknown, the CSR signed through Key Vault by the current CA version's key, §5.12),
// same subject, so every client certificate issued under the key keeps verifying and none is re-issued.
import type * as df from "durable-functions";
import { caCertificateName, stemOf } from "../src/domain/certificateNames.js";
import { caPolicy, stageTags, type CertificateInventory, type CertificateVersionInfo } from "../src/domain/certificateProfiles.js";
import { keyGeneration } from "../src/domain/retirement.js";
import type { VersionInfo } from "../src/domain/rotation.js";
import type { RotationPlan } from "../src/domain/rotationPlan.js";
import { activities as A } from "../src/names.js";
import type { SagaProgress } from "./progress.js";
import { createCa } from "./rotationSteps.js";
import { call, type Gen } from "./steps.js";

export function* renewCaOnItsKey(ctx: df.OrchestrationContext, plan: RotationPlan, progress: SagaProgress, found: CertificateInventory,
  current: VersionInfo): Gen<CertificateVersionInfo> {
  const { clusterName } = plan.cluster;
  const name = caCertificateName(stemOf(plan));
  // reuse_key takes the key of the certificate's latest version: only when that is the current CA (no failed or
  // bootstrap version after it) is the renewal on the current key; otherwise a new generation is made.
  if (found.ca.at(-1)?.version !== current.version) return yield* createCa(ctx, plan, progress);
  yield* call(ctx, "createCa", A.beginCertificateVersion,
    { name, policy: caPolicy(clusterName, plan.policy, "Unknown"), tags: stageTags(plan.cluster, plan.managedByTag, "pending", keyGeneration(current)) });
  return yield* call(ctx, "createCa", A.signAndMergeCertificate,
    { name, profile: "ca", validityMonths: plan.policy.caValidityMonths, signer: { name, version: current.version } });
}
