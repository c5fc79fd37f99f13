// The fleet for bench/fleet.ts, written straight into the emulator (not through the provisioning saga): per
// subscription a VNet, then clusters with a one-node data center over ARM on an unthrottled emulator, and for most of
// them a CA and a client certificate imported into Key Vault (made here with @peculiar/x509, tagged as the app tags
// its own), dated so the fleet's check finds a mix: first issuance, CA due, client due, nothing due, adopted.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { NetworkManagementClient } from "@azure/arm-network";
import { CertificateClient } from "@azure/keyvault-certificates";
import * as x509 from "@peculiar/x509";
import type { Emulator } from "../local/emulator/server.js";
import { emulatorCredential } from "../src/adapters/emulatorCredential.js";
import { caCertificateName, caSubject, clientCertificateName, clientSubject, DEFAULT_CLIENT } from "../src/domain/certificateNames.js";
import { certificateTags, clusterIdOf, tags, type ClusterRef } from "../src/domain/ids.js";

export type ClusterKind = "firstIssuance" | "caDue" | "clientDue" | "healthy" | "adopted";
/** Ten clusters in a row get these kinds: 20 % first issuance, 30 % CA due, 30 % client due, 10 % healthy, 10 % adopted. */
const MIX: ClusterKind[] = ["firstIssuance", "caDue", "clientDue", "caDue", "clientDue", "healthy", "caDue", "clientDue", "adopted", "firstIssuance"];
export const RESOURCE_GROUP = "fleet-rg";
const LOCATION = "eastus2";
const DAY = 86_400_000;
const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

const subnetOf = (sub: string, name = "cassandra") => `/subscriptions/${sub}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/fleet-vnet/subnets/${name}`;

/** An adopted cluster is a VPN one: its data center needs an approved private endpoint to the cluster's link service. */
async function approvedEndpointIp(emulator: Emulator, cosmos: CosmosDBManagementClient, network: NetworkManagementClient, c: ClusterRef, i: number) {
  const cluster = await cosmos.cassandraClusters.get(c.resourceGroup, c.clusterName);
  const ip = `10.1.${Math.floor(i / 250)}.${(i % 250) + 4}`;
  const endpoint = await network.privateEndpoints.beginCreateOrUpdateAndWait(c.resourceGroup, `${c.clusterName}-pe`, {
    location: LOCATION, subnet: { id: subnetOf(c.subscriptionId, "endpoints") }, ipConfigurations: [{ name: "static", privateIPAddress: ip }],
    manualPrivateLinkServiceConnections: [{ name: `${c.clusterName}-pe`, privateLinkServiceId: cluster.properties!.privateLinkResourceId!, requestMessage: "bench" }],
  }, { updateIntervalInMs: 1 });
  emulator.approve({ privateEndpointId: endpoint.id!, status: "Approved" });
  return ip;
}
const pem = (der: ArrayBuffer, label: string) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").trimEnd()}\n-----END ${label}-----\n`;

async function certificate(subject: string, days: [number, number], now: number, issuer?: { cert: x509.X509Certificate; key: webcrypto.CryptoKey }) {
  const keys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]) as webcrypto.CryptoKeyPair;
  // Key identifiers as the app's issuer writes them: a node trusting an old and a new CA of the same subject picks the
  // client's issuer by them.
  const keyIds = [await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
    ...(issuer ? [await x509.AuthorityKeyIdentifierExtension.create(issuer.cert, false, webcrypto)] : [])];
  const extensions = [...keyIds, ...(issuer
    ? [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]
    : [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)])];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString("hex").replace(/^[89a-f]/, "1"), subject,
    issuer: issuer?.cert.subject ?? subject, notBefore: new Date(now + days[0] * DAY), notAfter: new Date(now + days[1] * DAY),
    signingAlgorithm: alg, publicKey: keys.publicKey, signingKey: issuer?.key ?? keys.privateKey, extensions,
  }, webcrypto);
  return { cert, key: keys.privateKey, pem: cert.toString("pem"), keyPem: pem(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY") };
}

async function importVersion(kv: CertificateClient, name: string, value: string, ref: ClusterRef, managedByTag: string) {
  await kv.importCertificate(name, Buffer.from(value), <never>{
    // The SDK drops `policy` from the request; the generated model's field goes through (azure-rest.md §5.6, workaround A).
    policy: { contentType: "application/x-pem-file" }, certificatePolicy: { secretProperties: { contentType: "application/x-pem-file" } },
    tags: { [certificateTags.stage]: "current", [certificateTags.cluster]: clusterIdOf(ref), [certificateTags.managedBy]: managedByTag },
  });
}

export async function seedFleet(emulator: Emulator, o: { clusters: number; subscriptions: string[]; managedByTag: string; now: number }) {
  const arm = { endpoint: emulator.armEndpoint, tlsOptions: { ca: emulator.caCertPem } };
  const kv = new CertificateClient(emulator.keyVaultUrl, emulatorCredential, { tlsOptions: { ca: emulator.caCertPem }, disableChallengeResourceVerification: true });
  for (const sub of o.subscriptions) {
    await new NetworkManagementClient(emulatorCredential, sub, arm).virtualNetworks.beginCreateOrUpdateAndWait(RESOURCE_GROUP, "fleet-vnet", {
      location: LOCATION, addressSpace: { addressPrefixes: ["10.0.0.0/12"] }, subnets: [{ name: "cassandra", addressPrefix: "10.0.0.0/16" }, { name: "endpoints", addressPrefix: "10.1.0.0/16" }],
    }, { updateIntervalInMs: 1 });
  }
  const fleet: Array<ClusterRef & { kind: ClusterKind }> = Array.from({ length: o.clusters }, (_, i) => ({
    subscriptionId: o.subscriptions[i % o.subscriptions.length]!, resourceGroup: RESOURCE_GROUP,
    clusterName: `fleet-${String(i).padStart(4, "0")}`, kind: MIX[Math.floor(i / o.subscriptions.length) % MIX.length]!,
  }));
  const seedOne = async (c: (typeof fleet)[number], i: number) => {
    const cosmos = new CosmosDBManagementClient(emulatorCredential, c.subscriptionId, arm);
    let caPems: string[] = [];
    if (c.kind !== "firstIssuance") {
      const ca = await certificate(caSubject(c.clusterName), c.kind === "caDue" ? [-1700, 30] : [-30, 1700], o.now);
      const client = await certificate(clientSubject(c.clusterName, DEFAULT_CLIENT), c.kind === "healthy" ? [-10, 350] : [-330, 30], o.now, ca);
      await importVersion(kv, caCertificateName(c.clusterName), ca.keyPem + ca.pem, c, o.managedByTag);
      await importVersion(kv, clientCertificateName(c.clusterName, DEFAULT_CLIENT), client.keyPem + client.pem + ca.pem, c, o.managedByTag);
      caPems = [ca.pem];
    }
    await cosmos.cassandraClusters.beginCreateUpdateAndWait(c.resourceGroup, c.clusterName, {
      location: LOCATION, tags: c.kind === "adopted" ? { owner: "data-team" } : { [tags.managedBy]: o.managedByTag },
      // The app adopts VPN clusters only (src/domain/ownership.ts); a VPN data center names its endpoint's IP.
      properties: { cassandraVersion: "4.0", authenticationMethod: "Cassandra", initialCassandraAdminPassword: "Fleet-Passw0rd-1",
        delegatedManagementSubnetId: subnetOf(c.subscriptionId), clientCertificates: caPems.map((p) => ({ pem: p })),
        ...(c.kind === "adopted" ? { azureConnectionMethod: "VPN" } : {}) },
    }, { updateIntervalInMs: 1 });
    const endpointIp = c.kind === "adopted" ? await approvedEndpointIp(emulator, cosmos, new NetworkManagementClient(emulatorCredential, c.subscriptionId, arm), c, i) : undefined;
    await cosmos.cassandraDataCenters.beginCreateUpdateAndWait(c.resourceGroup, c.clusterName, "dc1", {
      properties: { dataCenterLocation: LOCATION, delegatedSubnetId: subnetOf(c.subscriptionId), nodeCount: 1, sku: "Standard_E8s_v5",
        ...(endpointIp ? { privateEndpointIpAddress: endpointIp } : {}) },
    }, { updateIntervalInMs: 1 });
  };
  for (let i = 0; i < fleet.length; i += 25) await Promise.all(fleet.slice(i, i + 25).map((c, j) => seedOne(c, i + j)));
  return fleet;
}
