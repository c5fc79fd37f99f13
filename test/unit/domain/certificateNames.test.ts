// The Key Vault names of a cluster's certificates: within Key Vault's rule, one stem per cluster id (so same-named
// clusters never share a CA or a client certificate), and the older cluster-name form kept where a cluster uses it.
// Expected stems come from testIds.ts, computed from the documented rule with node:crypto, not from the builder.
import { describe, expect, it } from "vitest";
import { caCertificateName, certificateStem, certificateStemIn, clientCertificateName, listedCertificatesOf, parseCertificateName } from "../../../src/domain/certificateNames.js";
import { clusterIdOf, type ClusterRef } from "../../../src/domain/ids.js";
import { certificateStemOf, CONFIG_SUBSCRIPTION, FOREIGN_SUBSCRIPTION } from "../../support/testIds.js";

const ref = (resourceGroup: string, clusterName: string, subscriptionId = CONFIG_SUBSCRIPTION): ClusterRef => ({ subscriptionId, resourceGroup, clusterName });
const KEY_VAULT_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const LONGEST_CLIENT = "c".repeat(32);
const names = (r: ClusterRef) => [caCertificateName(certificateStem(r)), clientCertificateName(certificateStem(r), LONGEST_CLIENT)];

describe("certificate names", () => {
  it("are the documented stem: the cluster name, --, 16 hex of SHA-256 of the lower-cased cluster id", () => {
    expect(certificateStem(ref("cass-rg", "Cass-Demo"))).toBe(certificateStemOf("Cass-Demo", "cass-rg", CONFIG_SUBSCRIPTION));
    expect(certificateStem(ref("cass-rg", "cass-demo"))).toMatch(/^cass-demo--[0-9a-f]{16}$/);
  });

  it("stay within Key Vault's 1-127 letters, digits and hyphens for the longest cluster, group and client names", () => {
    const longest = [ref("g".repeat(90), `${"a1-".repeat(33)}z`), ref("(rg)._-x", "a"), ref("rg", "x".repeat(100))];
    for (const r of longest) {
      for (const name of names(r)) {
        expect(name.length).toBeLessThanOrEqual(127);
        expect(name).toMatch(KEY_VAULT_NAME);
      }
    }
  });

  it("are injective where a plain join is not: group a-b with cluster c against group a with cluster b-c", () => {
    const [x, y] = [ref("a-b", "c"), ref("a", "b-c")];
    expect(`${x.resourceGroup}-${x.clusterName}`).toBe(`${y.resourceGroup}-${y.clusterName}`);
    expect(new Set([...names(x), ...names(y)].map((n) => n.toLowerCase())).size).toBe(4);
  });

  it("differ for same-named clusters in other subscriptions and resource groups, and not by letter case", () => {
    const all = [ref("rg1", "cass"), ref("rg2", "cass"), ref("rg1", "cass", FOREIGN_SUBSCRIPTION)].map((r) => caCertificateName(certificateStem(r)).toLowerCase());
    expect(new Set(all).size).toBe(3);
    expect(certificateStem(ref("RG1", "CASS")).toLowerCase()).toBe(certificateStem(ref("rg1", "cass")).toLowerCase());
  });

  it("parse back to the CA or a client under their stem only", () => {
    const stem = certificateStem(ref("rg", "cass"));
    expect(parseCertificateName(`${stem}-ca`, stem)).toEqual({ kind: "ca" });
    expect(parseCertificateName(`${stem}-client-app`, stem)).toEqual({ kind: "client", client: "app" });
    expect(parseCertificateName("cass-ca", stem)).toBeUndefined();
    expect(parseCertificateName(`${stem}-ca`, "cass")).toBeUndefined();
  });
});

describe("the stem a cluster uses", () => {
  const cluster = ref("rg1", "cass");
  const own = certificateStem(cluster);
  const tagged = (name: string, clusterId?: string): { name: string; tags: Record<string, string> } =>
    ({ name, tags: clusterId ? { cluster: clusterId, "managed-by": "app" } : {} });

  it("is its own for a new cluster, also when a same-named cluster elsewhere has certificates under the older form", () => {
    expect(certificateStemIn([], cluster)).toBe(own);
    expect(certificateStemIn([tagged("cass-ca", clusterIdOf(ref("rg2", "cass"))), tagged("cass-client-app", clusterIdOf(ref("rg2", "cass")))], cluster)).toBe(own);
  });

  it("stays the cluster name where its certificates were issued under it (tagged with its id, or by no cluster)", () => {
    expect(certificateStemIn([tagged("cass-ca", clusterIdOf(cluster).toUpperCase()), tagged("cass-client-app", clusterIdOf(cluster))], cluster)).toBe("cass");
    expect(certificateStemIn([tagged("cass-client-app")], cluster)).toBe("cass");
  });

  it("is its own once any certificate has it", () => {
    expect(certificateStemIn([tagged("cass-ca", clusterIdOf(cluster)), tagged(`${own}-client-app`, clusterIdOf(cluster))], cluster)).toBe(own);
  });

  it("comes with the clients a vault listing tags as the cluster's by this app, and no one else's", () => {
    const other = clusterIdOf(ref("rg2", "cass"));
    const listing = [tagged(`${own}-ca`, clusterIdOf(cluster)), tagged(`${own}-client-b`, clusterIdOf(cluster)), tagged(`${own}-client-a`, clusterIdOf(cluster)),
      tagged(`${own}-client-theirs`, other), { name: `${own}-client-other-app`, tags: { cluster: clusterIdOf(cluster), "managed-by": "other" } },
      tagged("cass-client-legacy", other)];
    expect(listedCertificatesOf(listing, cluster, "app")).toEqual({ stem: own, clients: ["a", "b"] });
    expect(listedCertificatesOf([], cluster, "app")).toEqual({ stem: own, clients: [] });
  });
});
