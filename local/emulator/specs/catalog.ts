// Loads the vendored OpenAPI specs once per process: every non-example file goes into one Ajv instance under its
// file:// URL (so cross-file $refs resolve), and the operations of the files the emulator serves are indexed
// by method + path template (shared/specs/README.md, "Validating a request/response from Node").
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { createRouter, type Router } from "../core/router.js";
import { indexOperations, type SpecOperation } from "./operations.js";
import { SERVED_SPEC_FILES } from "./servedSpecs.js";
import { listSpecFiles, resolveRef, rewriteRefs, stripExamples, type SpecDocument } from "./specFiles.js";

const require = createRequire(import.meta.url);
// ajv-draft-04 and ajv-formats are CommonJS; Swagger 2.0 schemas are JSON Schema draft-04.
const AjvDraft04 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

/** Azure-only formats carry no checkable rule here; register them as no-ops (specs README step 3). */
const AZURE_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password", "date-time-rfc1123",
  "date-time-rfc7231", "unixtime", "base64url", "arm-id", "duration", "decimal", "char", "uuid", "url", "uri"];

export type { SpecOperation, SpecParameter } from "./operations.js";

export interface SpecCatalog {
  /** Every vendored version of an operation, under its method and path template. */
  operations: Router<SpecOperation[]>;
  /** The raw schema node at an Ajv reference, with the absolute reference it was found at (after $refs). */
  resolve(ref: string, base: string): { value: Record<string, unknown>; ref: string };
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
  const versions = new Map<string, SpecOperation[]>();
  for (const op of operations) versions.set(`${op.method} ${op.template}`, [...(versions.get(`${op.method} ${op.template}`) ?? []), op]);
  return {
    operations: createRouter([...versions.values()].map((ops) => ({ method: ops[0]!.method, path: ops[0]!.template, value: ops }))),
    resolve,
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
