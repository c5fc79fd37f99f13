// The cluster's certificate inventory in Key Vault (src/adapters/certificateInventory.ts), for the rotation.
import { readInventory } from "../src/adapters/certificateInventory.js";
import type { AdaptersProvider } from "../src/domain/ports.js";
import { activities as A } from "../src/names.js";
import { defineActivity } from "./stepResult.js";

export const readCertificateInventory = (adapters: AdaptersProvider) =>
  defineActivity(A.readCertificateInventory, "read certificate inventory", async ({ cluster, clients }) =>
    readInventory((await adapters()).certificates, cluster, clients));
