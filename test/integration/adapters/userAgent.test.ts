// The app's requests keep one User-Agent however many Key Vault clients it has made. The Key Vault clients' constructors
// rewrite the options object they are given, appending their library's name; with one CryptographyClient per CA key a
// shared object grew the header past Node's 16 KB limit, and the vault answered 431 to every sign (bench:fleet's 111
// failed rotations). Read from the emulator's request log, not from the app's options.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";

/** More clients than it took to pass 16 KB at about 30 bytes each. */
const CLIENTS = 600;

let world: AdapterWorld;
beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.dispose());

async function keyIdOf(name: string): Promise<string> {
  const create = await world.clients.certificates.beginCreateCertificate(name, { issuerName: "Self", subject: `CN=${name}`, keyType: "EC", keyCurveName: "P-256" }, { intervalInMs: 1 });
  await create.pollUntilDone();
  return (await world.clients.certificates.getCertificate(name)).keyId!;
}

const userAgentOfLastSign = () => world.emulator.requests().requests.filter((r) => r.method === "POST" && r.path.endsWith("/sign")).at(-1)?.userAgent;

describe("the User-Agent of Key Vault requests", () => {
  it(`is the same from a client made after ${CLIENTS} others, and the vault answers it`, async () => {
    await world.adapters.signer.signDigest(await keyIdOf("first"), "ES256", new Uint8Array(32));
    const first = userAgentOfLastSign();
    expect(first).toContain("cassandra-vpn-automation");
    // Clients for keys of their own (the adapter keeps one per key id); constructing them sends nothing.
    for (let i = 0; i < CLIENTS; i++) world.clients.cryptography(`${world.config.azure.keyVaultUrl}/keys/k${i}/${"0".repeat(32)}`);
    const signature = await world.adapters.signer.signDigest(await keyIdOf("later"), "ES256", new Uint8Array(32));
    expect(signature.length).toBe(64);
    expect(userAgentOfLastSign()).toBe(first);
  });
});
