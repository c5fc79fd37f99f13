// Stage transitions on Key Vault certificate versions. Tags replace as a whole on update (§5.7), so
// each change is the full new stage of one version; other tags on the version are kept by the caller.
import type { Stage, VersionInfo } from "./rotation.js";

export interface StageChange {
  version: string;
  /** undefined removes the stage tag (a retired version). */
  stage: Stage | undefined;
}

/**
 * Promotion of `pending`: it becomes current, the current becomes previous, an older previous is
 * retired. Ordered so that a crash between two writes never leaves zero current versions.
 */
export function promotion(versions: VersionInfo[], pending: string): StageChange[] {
  const target = versions.find((v) => v.version === pending);
  if (!target) throw new Error(`version ${pending} is not among the certificate's versions`);
  if (target.stage === "current") return demotionsBesides(versions, pending);
  return [{ version: pending, stage: "current" }, ...demotionsBesides(versions, pending)];
}

function demotionsBesides(versions: VersionInfo[], keep: string): StageChange[] {
  const others = versions.filter((v) => v.version !== keep);
  return [
    ...others.filter((v) => v.stage === "previous").map((v) => ({ version: v.version, stage: undefined })),
    ...others.filter((v) => v.stage === "current").map((v) => ({ version: v.version, stage: "previous" as const })),
  ];
}

/** A failed attempt: the pending version is marked failed and never trusted or promoted. */
export function failure(pending: string): StageChange[] {
  return [{ version: pending, stage: "failed" }];
}

/** The version a rotation is working on, if one was started and not finished. */
export function pendingVersion(versions: VersionInfo[]): VersionInfo | undefined {
  return versions.find((v) => v.stage === "pending");
}
