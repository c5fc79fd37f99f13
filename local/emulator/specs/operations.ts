// Indexing the operations of a served spec file: method, path template, parameters (with the Ajv references of their
// rules) and response schemas, per api-version of the file.
import type { SpecService } from "./servedSpecs.js";
import { escapePointer, isRef, type SpecDocument } from "./specFiles.js";

export interface SpecParameter {
  name: string;
  in: "path" | "query" | "body" | "header" | "formData";
  required: boolean;
  /** A last path segment the spec's description calls optional (Key Vault's object version). */
  optionalSegment: boolean;
  /** Ajv reference (`<file url>#<pointer>`) of a body schema, or the inline rules of a path/query parameter. */
  schema: string | Record<string, unknown>;
}

export interface SpecOperation {
  service: SpecService;
  method: string;
  template: string;
  operationId: string;
  specFile: string;
  /** `info.version` of the spec file. */
  apiVersion: string;
  parameters: SpecParameter[];
  /** Status code (or `default`) → Ajv reference of the response schema, when the spec has one. */
  responseSchemas: Record<string, string | undefined>;
}

export type Resolve = (ref: string, base: string) => { value: Record<string, unknown>; ref: string };
type RawOperation = { operationId?: string; parameters?: unknown[]; responses?: Record<string, { schema?: unknown }> };
const VERBS = ["get", "put", "patch", "post", "delete"];

export function indexOperations(doc: SpecDocument, url: string, specFile: string, service: SpecService, resolve: Resolve): SpecOperation[] {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  const apiVersion = String((doc.info as { version?: unknown } | undefined)?.version ?? "");
  return Object.entries(paths).flatMap(([template, item]) => {
    const itemPointer = `${url}#/paths/${escapePointer(template)}`;
    const shared = ((item.parameters ?? []) as unknown[]).map((p, i) => parameterOf(p, `${itemPointer}/parameters/${i}`, url, resolve));
    return Object.entries(item).filter(([verb]) => VERBS.includes(verb)).flatMap(([verb, raw]): SpecOperation[] => {
      const op = raw as RawOperation;
      const pointer = `${itemPointer}/${verb}`;
      const own = (op.parameters ?? []).map((p, i) => parameterOf(p, `${pointer}/parameters/${i}`, url, resolve));
      const responseSchemas = Object.fromEntries(Object.entries(op.responses ?? {}).map(([code, response]) =>
        [code, response.schema ? `${pointer}/responses/${code}/schema` : undefined]));
      const operation: SpecOperation = { service, method: verb.toUpperCase(), template, operationId: op.operationId ?? `${verb} ${template}`,
        specFile, apiVersion, parameters: [...shared, ...own], responseSchemas };
      return [operation, ...withoutOptionalSegment(operation)];
    });
  });
}

/**
 * Key Vault's GET of a certificate, key or secret takes its version as "This URI fragment is optional. If not
 * specified, the latest version … is returned" (the parameter's description), so the path without it is the same
 * operation: `GET /secrets/{secret-name}`.
 */
function withoutOptionalSegment(operation: SpecOperation): SpecOperation[] {
  const last = /\/\{([^}]+)\}$/.exec(operation.template);
  const optional = last && operation.parameters.some((p) => p.in === "path" && p.name === last[1] && p.optionalSegment);
  return optional ? [{ ...operation, template: operation.template.slice(0, -last[0].length) }] : [];
}

function parameterOf(raw: unknown, pointer: string, url: string, resolve: Resolve): SpecParameter {
  const { value, ref } = isRef(raw) ? resolve(raw.$ref, url) : { value: raw as Record<string, unknown>, ref: pointer };
  const where = value.in as SpecParameter["in"];
  return { name: String(value.name), in: where, required: value.required === true,
    optionalSegment: String(value.description ?? "").includes("This URI fragment is optional"),
    schema: where === "body" ? `${ref}/schema` : parameterRules(value) };
}

/** A path/query parameter object carries its JSON-schema rules at top level, beside `name`/`in`/`required`. */
function parameterRules(parameter: Record<string, unknown>): Record<string, unknown> {
  const keys = ["type", "pattern", "minLength", "maxLength", "enum", "format", "minimum", "maximum"];
  return Object.fromEntries(keys.filter((k) => parameter[k] !== undefined).map((k) => [k, parameter[k]]));
}
