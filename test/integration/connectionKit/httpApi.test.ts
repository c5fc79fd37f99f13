// GET /api/clusters/{rg}/{cluster}/connection-kit through the whole app on the local world: the files are built
// from what Key Vault, ARM and the nodes themselves hold, for the client certificate tagged current, and no
// answer (success or error) ever carries a private key or a password.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemBlocks } from "../../../src/domain/pem.js";
import { type LocalWorld } from "../../support/localWorld.js";
import { trustEntries } from "../../support/rotationScenario.js";
import { clientNameOf, LOCAL_ADMIN_PASSWORD } from "../../support/testIds.js";
import { appAdapters, CLUSTER, CLUSTER_PATH, startCertifiedWorld } from "./support.js";

let world: LocalWorld;
const answers: string[] = [];
beforeAll(async () => {
  world = await startCertifiedWorld();
});
afterAll(() => world?.dispose());

async function getKit(query: string) {
  const res = await world.api("GET", `${CLUSTER_PATH}/connection-kit${query}`);
  answers.push(JSON.stringify(res.body));
  return res;
}

const thumbprint = (pem: string) => new X509Certificate(pem).fingerprint.replace(/:/g, "");
const certificatesIn = (text: string) => pemBlocks(text).filter((b) => b.type === "CERTIFICATE").map((b) => b.text);

describe("GET /connection-kit", () => {
  it("serves cqlshrc, hosts lines from the node certificates, both CA bundles, the client chain and driver snippets", async () => {
    const res = await getKit("?client=app&dir=/home/me/kit");
    expect(res.status).toBe(200);
    const { files } = res.body;
    expect(Object.keys(files).sort()).toEqual(["README.txt", "ca-bundle.pem", "client-ca.pem", "client.crt", "cqlshrc", "hosts", "node_example.mjs", "python_example.py"]);

    const nodes = await world.emulator.nodes();
    expect(res.body.nodes).toEqual(nodes.map((n) => ({ address: n.address, datacenter: "dc1", hostname: n.hostname })));
    expect(files.hosts.split("\n").filter((l: string) => l && !l.startsWith("#"))).toEqual(nodes.map((n) => `${n.address} ${n.hostname}`));
    expect(nodes[0]!.hostname).toBe("dc1000000.managedcassandra.cosmos.azure.com");

    // The emulator may not get 9042 on this machine: the kit carries the port the nodes really listen on.
    expect(res.body.port).toBe(world.emulator.cqlPort);
    expect(files.cqlshrc).toContain("[authentication]\nusername = cassandra\n");
    expect(files.cqlshrc).toContain(`[connection]\nhostname = ${nodes[0]!.hostname}\nport = ${world.emulator.cqlPort}\nssl = true\n`);
    for (const line of ["certfile = /home/me/kit/ca-bundle.pem", "validate = true", "userkey = /home/me/kit/client.key", "usercert = /home/me/kit/client.crt"]) {
      expect(files.cqlshrc).toContain(`\n${line}\n`);
    }
    expect(files.cqlshrc).not.toMatch(/^\s*password\s*=/m);

    expect(certificatesIn(files["ca-bundle.pem"]).map(thumbprint)).toEqual([thumbprint(world.emulator.nodeCaCertPem)]);
    const [leaf, issuer, ...more] = certificatesIn(files["client.crt"]);
    expect(more).toEqual([]);
    expect(thumbprint(leaf!)).toBe(res.body.certificate.thumbprint);
    expect(trustEntries(world, CLUSTER.clusterName).map(thumbprint)).toContain(thumbprint(issuer!));
    expect(certificatesIn(files["client-ca.pem"]).map(thumbprint)).toEqual([thumbprint(issuer!)]);

    expect(files["node_example.mjs"]).toContain(`protocolOptions: { port: ${world.emulator.cqlPort} }`);
    expect(files["node_example.mjs"]).toContain("checkServerIdentity: (host, cert) => tls.checkServerIdentity(namesByIp[host] ?? host, cert)");
    expect(files["python_example.py"]).toContain(`port=${world.emulator.cqlPort}`);
    expect(files["python_example.py"]).toContain("ssl.PROTOCOL_TLS_CLIENT");
  });

  it("is built for the version tagged current, and follows a renewal", async () => {
    const before = await getKit("?client=app");
    const certificates = await world.api("GET", `${CLUSTER_PATH}/certificates`);
    const current = certificates.body.clients.app.versions.find((v: { stage?: string }) => v.stage === "current");
    expect(before.body.certificate).toMatchObject({ name: clientNameOf("cass-demo"), version: current.version, thumbprint: current.thumbprint });
    expect(before.body.clientKeySecret).toMatchObject({ secretName: clientNameOf("cass-demo"), secretVersion: current.version });

    const rotation = await world.api("POST", `${CLUSTER_PATH}/rotations`, { scope: "client" });
    expect((await world.runtime.waitForCompletion(rotation.body.id)).runtimeStatus).toBe("Completed");
    const after = await getKit("?client=app");
    expect(after.status).toBe(200);
    expect(after.body.certificate.version).not.toBe(before.body.certificate.version);
    expect(thumbprint(certificatesIn(after.body.files["client.crt"])[0]!)).toBe(after.body.certificate.thumbprint);
  });

  it("answers 400 naming client for a malformed name, 404 for a client or cluster that has none", async () => {
    const malformed = await getKit("?client=Not_A_Name");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.map((d: { field: string }) => d.field)).toEqual(["client"]);

    const missing = await getKit("?client=reporting");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "ClientCertificateNotFound" });
    expect(missing.body.error.message).toContain(clientNameOf("cass-demo", "reporting"));
    expect(missing.body.error.message).toContain(`POST ${CLUSTER_PATH}/rotations {"clients":["reporting"]}`);

    const noCluster = await world.api("GET", `/api/clusters/${CLUSTER.resourceGroup}/nowhere/connection-kit?client=app`);
    answers.push(JSON.stringify(noCluster.body));
    expect(noCluster.status).toBe(404);
    expect(noCluster.body.error.code).toBe("ClusterNotFound");
  });

  it("never answers with a private key or a password", async () => {
    const kit = await getKit("");
    expect(kit.body.client).toBe("app");
    const secret = await appAdapters().secrets.getSecretValue(kit.body.clientKeySecret.secretName, kit.body.clientKeySecret.secretVersion);
    const key = pemBlocks(secret ?? "").find((b) => b.type.endsWith("PRIVATE KEY"));
    expect(key, "the client certificate's secret holds its key").toBeDefined();
    // The secret scalar, as base64 inside the PEM (after the 48-character PKCS#8 header of a P-256 key) and as JWK `d`.
    const pemScalar = key!.text.split("\n").slice(1, -1).join("").slice(48, 88);
    const jwkScalar = createPrivateKey(key!.text).export({ format: "jwk" }).d!;
    expect(answers.length).toBeGreaterThanOrEqual(6);
    for (const answer of answers) {
      expect(answer).not.toMatch(/PRIVATE KEY/);
      expect(answer.replace(/\\n/g, "")).not.toContain(pemScalar); // PEM lines joined, as in the JSON text
      expect(answer).not.toContain(jwkScalar);
      expect(answer).not.toContain(LOCAL_ADMIN_PASSWORD);
    }
  });
});
