// Authentication as the clients meet it: ARM wants any bearer token; Key Vault first challenges (reference §5.1).
import type { IncomingHttpHeaders } from "node:http";
import { EMULATOR_TENANT_ID } from "../arm/eventGrid.js";
import type { EmulatorResponse } from "../types.js";
import { errorResponse } from "./errors.js";

const hasBearer = (headers: IncomingHttpHeaders) => /^Bearer\s+\S+/i.test(headers.authorization ?? "");

/** Clients read the cloud metadata before they sign in (go-azure-sdk, azure-cli), so it needs no token. */
const ANONYMOUS = ["/metadata/endpoints"];

export function armAuthProblem(headers: IncomingHttpHeaders, path: string): EmulatorResponse | undefined {
  if (hasBearer(headers) || ANONYMOUS.includes(path.toLowerCase())) return undefined;
  return errorResponse(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or is not a Bearer token.");
}

/** The exact challenge of reference §5.1 step 2, answered before the (stripped) body is looked at. */
export function keyVaultChallenge(headers: IncomingHttpHeaders): EmulatorResponse | undefined {
  if (hasBearer(headers)) return undefined;
  return {
    status: 401,
    headers: {
      "WWW-Authenticate": `Bearer authorization="https://login.windows.net/${EMULATOR_TENANT_ID}", resource="https://vault.azure.net"`,
      "Content-Type": "application/json; charset=utf-8",
    },
    body: { error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } },
  };
}
