// The static token the local emulator accepts (any bearer token is fine there). Config refuses it against
// real Azure (AZURE_CREDENTIAL=emulator needs a non-Azure ARM_ENDPOINT); local tools use it the same way.
import type { TokenCredential } from "@azure/identity";

export const emulatorCredential: TokenCredential = {
  getToken: async () => ({ token: "emulator-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};
