// Loads the vendored OpenAPI specs once per process: every non-example file goes into one Ajv instance under its
// file:// URL (so cross-file $refs resolve), and the operations of the files the emulator serves are indexed
// by method + path template (shared/specs/README.md, "Validating a request/response from Node").
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { createRouter, type Router } from "../core/router.js";
import { SERVED_SPEC_FILES, type SpecService } from "./servedSpecs.js";
import { escapePointer, isRef, listSpecFiles, resolveRef, rewriteRefs, stripExamples, type SpecDocument } from "./specFiles.js";

const require = createRequire(import.meta.url);
// ajv-draft-04 and ajv-formats are CommonJS; Swagger 2.0 schemas are JSON Schema draft-04.
const AjvDraft04 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

/** Azure-only formats carry no checkable rule here; register them as no-ops (specs README step 3). */
const AZURE_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password", "date-time-rfc1123",
  "date-time-rfc7231", "unixtime", "base64url", "arm-id", "duration", "decimal", "char", "uuid", "url", "uri"];

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
  parameters: SpecParameter[];
  /** Status code (or `default`) → Ajv reference of the response schema, when the spec has one. */
  responseSchemas: Record<string, string | undefined>;
}

export interface SpecCatalog {
  operations: Router<SpecOperation>;
  validator(schema: string | Record<string, unknown>): ValidateFunction;
  /** Ajv reference of a definition in a vendored file, e.g. `network/.../network.json#/definitions/X`. */
  definitionRef(relativeFile: string, definition: string): string;
}

const catalogs = new Map<string, SpecCatalog>();

export function loadSpecCatalog(specsDir: string): SpecCatalog {
  const root = path.resolve(specsDir, "specification");
  let catalog = catalogs.get(root);
  if (!catalog) {
    catalog = buildCatalog(root);
    catalogs.set(root, catalog);
  }
  return catalog;
}

function buildCatalog(root: string): SpecCatalog {
  if (!fs.existsSync(root)) throw new Error(`vendored specs not found at ${root} (set AZURE_SPECS_DIR or specsDir)`);
  const documents = new Map<string, SpecDocument>();
  const ajv = new AjvDraft04({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of AZURE_FORMATS) ajv.addFormat(format, true);
  for (const file of listSpecFiles(root)) {
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as SpecDocument;
    stripExamples(doc);
    const relative = path.relative(root, file).split(path.sep).join("/");
    const rewrite = SERVED_SPEC_FILES.find((s) => s.file === relative)?.rewriteRefs;
    if (rewrite) rewriteRefs(doc, rewrite.from, rewrite.to);
    const url = pathToFileURL(file).href;
    documents.set(url, doc);
    ajv.addSchema(doc, url, undefined, false);
  }
  const resolve = (ref: string, base: string) => resolveRef(documents, ref, base);
  const inlineValidators = new Map<string, ValidateFunction>();
  const operations = SERVED_SPEC_FILES.flatMap((served) => {
    const url = pathToFileURL(path.join(root, served.file)).href;
    const doc = documents.get(url);
    if (!doc) throw new Error(`vendored spec missing: ${served.file}`);
    return indexOperations(doc, url, served.file, served.service, resolve);
  });
  return {
    operations: createRouter(operations.map((op) => ({ method: op.method, path: op.template, value: op }))),
    validator(schema) {
      if (typeof schema !== "string") {
        const key = JSON.stringify(schema);
        let compiled = inlineValidators.get(key);
        if (!compiled) inlineValidators.set(key, (compiled = ajv.compile(schema)));
        return compiled;
      }
      const validate = ajv.getSchema(schema);
      if (!validate) throw new Error(`no schema at ${schema}`);
      return validate;
    },
    definitionRef: (relativeFile, definition) =>
      `${pathToFileURL(path.join(root, relativeFile)).href}#/definitions/${definition}`,
  };
}

type Resolve = (ref: string, base: string) => { value: Record<string, unknown>; ref: string };
type RawOperation = { operationId?: string; parameters?: unknown[]; responses?: Record<string, { schema?: unknown }> };
const VERBS = ["get", "put", "patch", "post", "delete"];

function indexOperations(doc: SpecDocument, url: string, specFile: string, service: SpecService, resolve: Resolve): SpecOperation[] {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
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
        specFile, parameters: [...shared, ...own], responseSchemas };
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
