// Small HTTP helpers shared by the triggers: JSON answers and the error shape (ARM-like, with the
// offending fields named). Nothing here ever echoes a request value.
import type { HttpResponseInit } from "@azure/functions";
import type { FieldProblem } from "../domain/provisioningRequest.js";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { "content-type": "application/json", ...headers } };
}

export function problem(status: number, code: string, message: string, extra: Record<string, unknown> = {}): HttpResponseInit {
  return json(status, { error: { code, message, ...extra } });
}

export function invalidRequest(problems: FieldProblem[]): HttpResponseInit {
  const fields = [...new Set(problems.map((p) => p.field))].join(", ");
  return problem(400, "InvalidRequest", `The request has invalid fields: ${fields}.`, { details: problems });
}
