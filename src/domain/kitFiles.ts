// The connection kit's files as texts: cqlshrc, hosts lines, the server CA bundle, the client chain, the
// driver examples and a README. Pure: the trigger reads the inputs (connectionKit.ts).
import { CASSANDRA_ADMIN_ROLE, KIT_FILES, kitLabel, PASSWORD_VARIABLE, serverCaBundle, type ConnectionKitInput, type KitFileName } from "./connectionKit.js";
import { nodeExample, pythonExample } from "./driverSnippets.js";
import { joinPems } from "./pem.js";

export function connectionKitFiles(input: ConnectionKitInput): Record<KitFileName, string> {
  return {
    [KIT_FILES.cqlshrc]: cqlshrc(input),
    [KIT_FILES.hosts]: hostsLines(input),
    [KIT_FILES.serverCaBundle]: joinPems(serverCaBundle(input.serverChains)),
    [KIT_FILES.clientCertificate]: joinPems(input.clientChainPems),
    [KIT_FILES.clientCa]: joinPems(input.clientChainPems.slice(1)),
    [KIT_FILES.pythonExample]: pythonExample(input),
    [KIT_FILES.nodeExample]: nodeExample(input),
    [KIT_FILES.readme]: readme(input),
  };
}

function cqlshrc(input: ConnectionKitInput): string {
  const at = (file: string) => (input.directory ? `${input.directory.replace(/[\\/]+$/, "")}/${file}` : file);
  return `; cqlsh settings for ${kitLabel(input)}.
; The node names resolve through the lines of ${KIT_FILES.hosts} (add them to /etc/hosts or your DNS).
; cqlsh --cqlshrc ${at(KIT_FILES.cqlshrc)}   (asks for the password of ${CASSANDRA_ADMIN_ROLE}; never store it here)
[authentication]
username = ${CASSANDRA_ADMIN_ROLE}

[connection]
hostname = ${input.nodes[0]?.hostname ?? ""}
port = ${input.port}
ssl = true

[ssl]
; validate = true: the node's chain must lead to certfile. cqlsh does not compare the node's name with it.
certfile = ${at(KIT_FILES.serverCaBundle)}
validate = true
userkey = ${at(KIT_FILES.clientKey)}
usercert = ${at(KIT_FILES.clientCertificate)}
`;
}

function hostsLines(input: ConnectionKitInput): string {
  return `# ${kitLabel(input)}: node addresses and the names on their server certificates.
${input.nodes.map((n) => `${n.address} ${n.hostname}`).join("\n")}
`;
}

function readme(input: ConnectionKitInput): string {
  const node = input.nodes[0];
  const f = KIT_FILES;
  return `Connection kit for ${kitLabel(input)}
Key Vault certificate ${input.certificate.name}, version ${input.certificate.version}, valid until ${input.certificate.notAfter ?? "unknown"}.

${f.cqlshrc}            cqlsh settings: user ${CASSANDRA_ADMIN_ROLE}, ${node?.hostname}:${input.port}, TLS with the files below
${f.hosts}              "<ip> <name>" for every node, names read from the nodes' certificates
${f.serverCaBundle}      the CA certificates the nodes present (trust these for the server side)
${f.clientCertificate}         your client certificate, then the CA that issued it
${f.clientCa}      that CA alone (the cluster trusts it in its clientCertificates)
${f.pythonExample}  python cassandra-driver example, node names verified
${f.nodeExample}   Node.js cassandra-driver example, node names verified
${f.clientKey}         NOT served by the app. \`npm run kit\` writes it with your own Azure credential, or:
                   az keyvault secret download --id ${input.keySecretId} --file client.pem
                   openssl pkey -in client.pem -out ${f.clientKey} && chmod 600 ${f.clientKey} && rm client.pem

No password is in this kit: use the ${CASSANDRA_ADMIN_ROLE} password (the Key Vault secret named when the cluster was
provisioned) or a role of your own, through ${PASSWORD_VARIABLE} for the examples and the prompt for cqlsh.

Check the files:
  openssl verify -CAfile ${f.clientCa} ${f.clientCertificate}
  openssl s_client -connect ${node?.address}:${input.port} -CAfile ${f.serverCaBundle} -cert ${f.clientCertificate} -key ${f.clientKey} \\
    -verify_return_error -verify_hostname ${node?.hostname} </dev/null     # "Verify return code: 0 (ok)"
Connect:
  sudo sh -c 'cat ${f.hosts} >> /etc/hosts'
  cqlsh --cqlshrc ./${f.cqlshrc}     (asks for the password; then e.g. DESCRIBE KEYSPACES; or SELECT * FROM system.local;)
  cqlsh --cqlshrc ./${f.cqlshrc} -e "SELECT cluster_name, data_center, release_version FROM system.local"
  ${PASSWORD_VARIABLE}=… python3 ${f.pythonExample}   (pip install cassandra-driver)
  ${PASSWORD_VARIABLE}=… node ${f.nodeExample}        (npm install cassandra-driver)
The certificate is renewed before it expires: fetch a new kit after a rotation (GET …/certificates shows it).
`;
}
