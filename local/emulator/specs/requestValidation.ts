// Checks one request against its spec operation: query parameters, path parameter rules (e.g. the cluster name
// pattern) and the body schema. The api-version is checked before, against the versions Azure offers (apiVersions.ts).
import type { ErrorObject } from "ajv";
import type { EmulatorRequest } from "../types.js";
import type { SpecCatalog, SpecOperation, SpecParameter } from "./catalog.js";
import type { RequestProblem } from "./handValidated.js";

export function validateAgainstSpec(
  catalog: SpecCatalog,
  operation: SpecOperation,
  req: EmulatorRequest,
  pathParams: Record<string, string>,
  options: { bodyWithheld?: boolean } = {},
): RequestProblem[] {
  return operation.parameters.flatMap((parameter): RequestProblem[] => {
    if (parameter.in === "query" && parameter.name === "api-version") return [];
    if (parameter.in === "query") {
      const value = req.url.searchParams.get(parameter.name);
      if (value === null) {
        return parameter.required ? [{ where: "query", message: `The query parameter '${parameter.name}' is required.` }] : [];
      }
      return check(catalog, parameter.schema, fromQueryText(parameter.schema, value), "query", `query parameter '${parameter.name}'`);
    }
    if (parameter.in === "path") {
      const value = pathParams[parameter.name];
      // Key Vault sends an empty version segment to mean "latest" (reference §0.2).
      if (value === undefined || value === "") return [];
      return check(catalog, parameter.schema, value, "path", `path parameter '${parameter.name}' ('${value}')`);
    }
    // Key Vault clients send their first request without its body, to be challenged (reference §5.1).
    if (parameter.in === "body" && !options.bodyWithheld) {
      if (req.body === undefined) {
        return parameter.required ? [{ where: "body", message: "The request body is required." }] : [];
      }
      return check(catalog, parameter.schema, req.body, "body", "");
    }
    return [];
  });
}

/** Query values arrive as text; a numeric or boolean parameter (e.g. `maxresults=25`) is checked as one. */
function fromQueryText(rules: SpecParameter["schema"], value: string): unknown {
  const type = typeof rules === "object" ? rules.type : undefined;
  if ((type === "integer" || type === "number") && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

export function check(catalog: SpecCatalog, ref: SpecParameter["schema"], value: unknown, where: RequestProblem["where"], label: string) {
  const validate = catalog.validator(ref);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({ where, message: describe(error, label) }));
}

/** `properties.nodeCount must be integer`: names the field and the rule, like ARM's own messages. */
export function describe(error: ErrorObject, label: string): string {
  const field = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, "/").replace(/~0/g, "~")}`))
    .join("")
    .replace(/^\./, "");
  const subject = label ? `${label}${field ? ` ${field}` : ""}` : field || "body";
  const allowed = error.keyword === "enum" ? `: ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}` : "";
  return `${subject} ${error.message ?? "is invalid"}${allowed}`;
}
