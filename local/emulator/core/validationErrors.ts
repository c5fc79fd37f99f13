// 400 answers for requests that fail spec validation, in each service's own vocabulary.
import type { RequestProblem } from "../specs/handValidated.js";
import type { EmulatorResponse } from "../types.js";
import { errorResponse } from "./errors.js";
import type { Service } from "./requestLog.js";

/** ARM codes by what was wrong; Key Vault says BadParameter for all of them (reference §5.14). */
const ARM_CODES: Record<RequestProblem["where"], string> = {
  query: "MissingApiVersionParameter",
  path: "InvalidResourceName",
  body: "InvalidRequestContent",
};

export function validationFailure(service: Service, problems: RequestProblem[]): EmulatorResponse {
  const code = (p: RequestProblem) => p.code ?? (service === "keyvault" ? "BadParameter" : ARM_CODES[p.where]);
  const first: RequestProblem = problems[0] ?? { where: "body", message: "The request is invalid." };
  const message = problems.map((p) => p.message).join("; ");
  // A front-door answer (the api-version) comes alone, as ARM's and Key Vault's do.
  if (service === "keyvault" || first.frontdoor) return errorResponse(400, code(first), message);
  return errorResponse(400, code(first), message, { details: problems.map((p) => ({ code: code(p), message: p.message })) });
}
