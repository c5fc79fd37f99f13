// ARM-shaped errors the emulated resource providers answer with (reference §7.1, §1.4).
import { errorResponse } from "../core/errors.js";
import type { EmulatorResponse } from "../types.js";

export function resourceNotFound(type: string, name: string, resourceGroupName: string | undefined): EmulatorResponse {
  const scope = resourceGroupName ? ` under resource group '${resourceGroupName}'` : "";
  return errorResponse(404, "ResourceNotFound",
    `The Resource '${type}/${name}'${scope} was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

/** The exact 409 body is UNVERIFIED; this is the illustrative one from reference §1.4. */
export function clusterBusy(clusterName: string): EmulatorResponse {
  return errorResponse(409, "Conflict",
    `There is already an operation in progress which requires exclusive lock on this service ${clusterName}. Please retry the operation after sometime.`,
    { details: [] });
}

export function badRequest(code: string, message: string): EmulatorResponse {
  return errorResponse(400, code, message);
}

export const locationRequired = (): EmulatorResponse => badRequest("LocationRequired", "The location property is required for this definition.");

/** An operation the resource provider does not implement. ARM's exact answer for the cluster PATCH is UNVERIFIED. */
export function notImplemented(method: string, type: string): EmulatorResponse {
  return errorResponse(501, "NotImplemented", `The requested operation '${method}' is not implemented for resource type '${type}'.`);
}
