// A cluster whose certificates were issued before issue 11, under the names of that time (`<cluster>-ca`,
// `<cluster>-client-<client>`), keeps them: its provisioning's first rotation trusts the CA it finds there instead of
// creating one, and later rotations issue new versions under those names. A same-named cluster elsewhere, whose
// certificates of the old form are not its own, gets its own names and never touches them. The old certificates
// are made here with the tests' own PKI (local/emulator/tls) and imported into Key Vault, tagged as the app tagged them.
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../../../local/appEnvironment.js";
import { createRootCa, issueClientCertificate } from "../../../local/emulator/tls/certificates.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { azureClients, only, provisionCluster, rotate, thumbprintOf, versionsOf } from "../../support/rotationScenario.js";
import { caNameOf, clientNameOf, clusterIdOf, DEMO_RESOURCE_GROUP, LOCAL_SUBSCRIPTION_ID, TYPES } from "../../support/testIds.js";

const OLD = "cass-old";
const ELSEWHERE = "cass-old-rg";
const OURS = "cassandra-vpn-automation";
let world: LocalWorld;
let caThumbprint: string;

/** Imports PEM (key + chain) as a Key Vault certificate: the SDK needs the generated-model policy too (azure-rest.md §5.6). */
async function importPem(name: string, pem: string, tags: Record<string, string>): Promise<void> {
  const options = { policy: { contentType: "application/x-pem-file" }, tags,
    certificatePolicy: { secretProperties: { contentType: "application/x-pem-file" }, keyProperties: { exportable: true } } };
  await azureClients(world).certificates.importCertificate(name, Buffer.from(pem), options as never);
}

const certificateNames = async () => {
  const names: string[] = [];
  for await (const props of azureClients(world).certificates.listPropertiesOfCertificates()) names.push(props.name!);
  return names.sort();
};

beforeAll(async () => {
  world = await startLocalWorld({ emulator: { resourceGroups: [DEMO_RESOURCE_GROUP, ELSEWHERE].map((name) => ({ subscriptionId: LOCAL_SUBSCRIPTION_ID, name,
    location: DEMO.location })) } });
  const ca = await createRootCa(`${OLD} Cassandra client CA`);
  const client = await issueClientCertificate(ca, "app");
  caThumbprint = thumbprintOf(new X509Certificate(ca.certPem));
  const tags = { stage: "current", cluster: clusterIdOf(OLD), "managed-by": OURS };
  await importPem(`${OLD}-ca`, `${ca.keyPem}${ca.certPem}`, tags);
  await importPem(`${OLD}-client-app`, `${client.keyPem}${client.certPem}${ca.certPem}`, tags);
}, 60_000);
afterAll(() => world.dispose());

describe("a cluster with certificates under the names used before issue 11", () => {
  it("is provisioned with them: its first rotation trusts the CA it found and creates none", async () => {
    await provisionCluster(world, OLD, "10.20.3.31");
    expect(await certificateNames()).toEqual([`${OLD}-ca`, `${OLD}-client-app`]);
    expect((await versionsOf(world, `${OLD}-ca`)).map((v) => v.stage)).toEqual(["current"]);
    const cluster = world.emulator.resources().find((r) => r.type === TYPES.cluster && r.id.toLowerCase() === clusterIdOf(OLD).toLowerCase())!;
    const trusted = (cluster.properties.clientCertificates as Array<{ pem: string }>).map((e) => thumbprintOf(new X509Certificate(e.pem)));
    expect(trusted).toEqual([caThumbprint]);
    const status = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${OLD}/certificates`);
    expect(status.body).toMatchObject({ ca: { name: `${OLD}-ca` }, clients: { app: { name: `${OLD}-client-app` } } });
  });

  it("renews its client under the old name, signed by the CA it had", async () => {
    const done = await rotate(world, OLD, { scope: "client" });
    expect(done.runtimeStatus, JSON.stringify(done.output)).toBe("Completed");
    expect(await certificateNames()).toEqual([`${OLD}-ca`, `${OLD}-client-app`]);
    const renewed = only(await versionsOf(world, `${OLD}-client-app`), "current");
    const [ca] = await versionsOf(world, `${OLD}-ca`);
    expect(renewed.cert.checkIssued(ca!.cert) && renewed.cert.verify(ca!.cert.publicKey)).toBe(true);
    const kit = await world.api("GET", `/api/clusters/${DEMO_RESOURCE_GROUP}/${OLD}/connection-kit`);
    expect(kit.status, JSON.stringify(kit.body)).toBe(200);
    expect(kit.body.certificate).toMatchObject({ name: `${OLD}-client-app`, version: renewed.version });
  });

  it("leaves them alone for a same-named cluster in another resource group, which gets its own names", async () => {
    const before = await versionsOf(world, `${OLD}-client-app`);
    await provisionCluster(world, OLD, "10.20.3.32", { request: { resourceGroup: ELSEWHERE } });
    expect(await certificateNames()).toEqual([caNameOf(OLD, ELSEWHERE), clientNameOf(OLD, "app", ELSEWHERE), `${OLD}-ca`, `${OLD}-client-app`].sort());
    expect((await versionsOf(world, `${OLD}-client-app`)).map((v) => [v.version, v.stage])).toEqual(before.map((v) => [v.version, v.stage]));
  });
});
