// The foreign entries of a cluster whose clientCertificates got a hand-pasted partner CA and a garbage entry before
// the first issuance, and the check that they survive every write byte for byte while the partner's own client keeps
// connecting: shared by rotation/firstIssuance.test.ts and rotation/renewalAndCaRotation.test.ts.
import { X509Certificate } from "node:crypto";
import { expect } from "vitest";
import type { PemPair } from "../../local/emulator/tls/certificates.js";
import type { LocalWorld } from "./localWorld.js";
import { handshakeOutcomes, settleNodes, trustEntries, type ClientIdentity } from "./rotationScenario.js";
import { clusterIdOf } from "./testIds.js";

export const GARBAGE = "pasted by hand from a wiki page: not a certificate";

interface PastedTrust {
  world: LocalWorld;
  partnerCa: PemPair;
  partner: ClientIdentity;
}

/** The checks for `cluster`, bound to a world and partner that exist only once the test file's beforeAll ran. */
export function pastedTrustChecks(current: () => PastedTrust, cluster: string) {
  const partnerThumbprint = () => new X509Certificate(current().partnerCa.certPem).fingerprint.replace(/:/g, "");
  const foreignEntries = () => trustEntries(current().world, cluster).filter((pem) => pem === current().partnerCa.certPem || pem === GARBAGE);
  const clusterWrites = () => current().world.emulator.requests().requests
    .filter((r) => r.method !== "GET" && r.path.toLowerCase() === clusterIdOf(cluster).toLowerCase()).length;

  async function expectForeignEntriesIntact(): Promise<void> {
    const { world, partnerCa, partner } = current();
    expect(foreignEntries()).toEqual([partnerCa.certPem, GARBAGE]);
    await settleNodes(world, cluster);
    expect(await handshakeOutcomes(world, cluster, partner)).toEqual(["ok", "ok", "ok"]);
  }

  return { partnerThumbprint, clusterWrites, expectForeignEntriesIntact };
}
