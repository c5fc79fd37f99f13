// The connection kit's texts from fixed inputs: which certificates make the server CA bundle, where cqlshrc points,
// and that the hosts lines and snippets carry the node names, the port and the data center they are given.
import { describe, expect, it } from "vitest";
import { serverCaBundle, type ConnectionKitInput } from "../../../src/domain/connectionKit.js";
import { connectionKitFiles } from "../../../src/domain/kitFiles.js";
import { keyAndChain } from "../../../src/domain/pem.js";

const pem = (label: string) => `-----BEGIN CERTIFICATE-----\n${label}\n-----END CERTIFICATE-----`;
const input: ConnectionKitInput = {
  cluster: { resourceGroup: "rg", clusterName: "c1" },
  client: "app",
  certificate: { name: "c1-client-app", version: "v1", notAfter: "2030-01-01T00:00:00.000Z" },
  keySecretId: "https://vault.example/secrets/c1-client-app/v1",
  port: 9042,
  nodes: [{ address: "10.0.0.5", datacenter: "east", hostname: "east000000.managedcassandra.cosmos.azure.com" },
    { address: "10.0.0.6", datacenter: "east", hostname: "east000001.managedcassandra.cosmos.azure.com" }],
  serverChains: [[pem("leaf0"), pem("intermediate"), pem("root")], [pem("leaf1"), pem("intermediate"), pem("root")]],
  clientChainPems: [pem("client"), pem("client-ca")],
};

describe("connection kit files", () => {
  it.each([
    ["leaf, intermediate and root from every node", input.serverChains, ["intermediate", "root"]],
    ["a node that presents only itself", [[pem("self-signed")]], ["self-signed"]],
  ])("builds the server CA bundle from %s, each certificate once", (_, chains, expected) => {
    expect(serverCaBundle(chains)).toEqual(expected.map(pem));
  });

  it("points cqlshrc at the kit's files: relative without a directory, absolute with one", () => {
    expect(connectionKitFiles(input).cqlshrc).toContain("\ncertfile = ca-bundle.pem\nvalidate = true\nuserkey = client.key\nusercert = client.crt\n");
    expect(connectionKitFiles({ ...input, directory: "/home/me/kit/" }).cqlshrc).toContain("\nuserkey = /home/me/kit/client.key\n");
  });

  it("writes one hosts line per node and gives the snippets the port and local data center", () => {
    const files = connectionKitFiles(input);
    expect(files.hosts.split("\n").slice(1)).toEqual(["10.0.0.5 east000000.managedcassandra.cosmos.azure.com", "10.0.0.6 east000001.managedcassandra.cosmos.azure.com", ""]);
    expect(files["node_example.mjs"]).toContain('localDataCenter: "east",\n  protocolOptions: { port: 9042 },');
    expect(files["python_example.py"]).toContain('DCAwareRoundRobinPolicy(local_dc="east")');
    expect(files["client.crt"]).toBe(`${pem("client")}\n${pem("client-ca")}\n`);
    expect(files["client-ca.pem"]).toBe(`${pem("client-ca")}\n`);
  });

  it("splits a Key Vault PEM secret into its key and its chain, and refuses one without a key", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----";
    expect(keyAndChain(`${key}\n${pem("leaf")}\n${pem("ca")}\n`)).toEqual({ keyPem: key, chainPems: [pem("leaf"), pem("ca")] });
    expect(keyAndChain(`${pem("leaf")}\n`)).toBeUndefined();
  });
});
