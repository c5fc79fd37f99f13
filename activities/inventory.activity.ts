// The cluster's certificate inventory in Key Vault (src/adapters/certificateInventory.ts), for the rotation. It is the
// rotation's first step, so it also decides whether the rotation may write at all (src/adapters/rotationTarget.ts):
// a cluster that does not exist, that another app manages, or a look-alike certificate fails the rotation here,
// before its first Key Vault write, whoever started it.
import { CertificateNotOwned, readInventory } from "../src/adapters/certificateInventory.js";
import { clusterProblem } from "../src/adapters/rotationTarget.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { activities as A } from "../src/names.js";
import { defineActivity, PermanentProblem } from "./stepResult.js";

export const readCertificateInventory = (adapters: AdaptersProvider, managedByTag: string) =>
  defineActivity(A.readCertificateInventory, "read certificate inventory", async ({ cluster, clients, listed }) => {
    const { clusters, certificates } = await adapters();
    const problem = await clusterProblem(clusters, cluster, managedByTag);
    if (problem) throw new PermanentProblem(problem.code, problem.message);
    try {
      return await readInventory(certificates, cluster, clients, managedByTag, listed);
    } catch (error) {
      if (error instanceof CertificateNotOwned) throw new PermanentProblem(error.code, error.message);
      throw error;
    }
  });
