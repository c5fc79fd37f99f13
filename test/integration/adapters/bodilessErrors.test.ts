// An error answer with no body (a gateway's 503, a server's 408) from Key Vault keeps its status, so it classifies as
// transient and the durable retry policy tries again. The Key Vault SDK threw a TypeError for it ("Cannot read
// properties of undefined (reading 'error')"), counted permanent: bench:fleet's 113 failed rotations. ARM's clients
// already kept the status. The emulator answers the bodiless status more often than the SDK retries it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AzureOperationError } from "../../../src/adapters/errors.js";
import { startAdapterWorld, type AdapterWorld } from "../../support/adapterWorld.js";

/** More than the SDK's own retries of one request (3), so the answer reaches the caller. */
const TIMES = 10;

let world: AdapterWorld;
let keyId: string;
beforeAll(async () => {
  world = await startAdapterWorld();
  const create = await world.clients.certificates.beginCreateCertificate("signer", { issuerName: "Self", subject: "CN=signer", keyType: "EC", keyCurveName: "P-256" }, { intervalInMs: 1 });
  await create.pollUntilDone();
  keyId = (await world.clients.certificates.getCertificate("signer")).keyId!;
});
afterAll(() => world.dispose());

const failureOf = (run: () => Promise<unknown>) => run().then(() => undefined, (e: unknown) => e as AzureOperationError);

describe("an error answer with no body", () => {
  // The SDK's retries of each wait real time (about 1, 2 and 4 s): one status keeps the file short.
  it.each([408])("%i on a Key Vault sign is transient, with its status", async (status) => {
    world.emulator.addFault({ match: { method: "POST", pathPattern: "/keys/signer/[0-9a-f]+/sign$" }, response: { status }, times: TIMES });
    const error = await failureOf(() => world.adapters.signer.signDigest(keyId, "ES256", new Uint8Array(32)));
    expect(error).toBeInstanceOf(AzureOperationError);
    expect({ kind: error?.kind, status: error?.statusCode }).toEqual({ kind: "transient", status });
    world.emulator.clearFaults();
    expect((await world.adapters.signer.signDigest(keyId, "ES256", new Uint8Array(32))).length).toBe(64);
  });
});
