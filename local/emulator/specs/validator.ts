// The validation facade used by the server core (requests, and the answers to them) and by tests (responses).
import { createRouter, type TemplateMatch } from "../core/router.js";
import type { EmulatorRequest } from "../types.js";
import { apiVersionProblems, armResourceType, offeredVersions, pickVersion, versionKeyOf } from "./apiVersions.js";
import { loadSpecCatalog, type SpecCatalog, type SpecOperation } from "./catalog.js";
import { HAND_VALIDATED_OPERATIONS, type HandValidatedOperation, type RequestProblem } from "./handValidated.js";
import { check, describe, validateAgainstSpec } from "./requestValidation.js";
import { projectToVersion } from "./versionProjection.js";

export interface RequestCheck {
  /** `operationId` from the spec, or the template of a hand-validated operation. */
  operation?: string;
  source: "spec" | "hand" | "none";
  problems: RequestProblem[];
  /** The vendored spec version the request was validated against, and whether it is the one asked for. */
  specVersion?: string;
  versionMatch?: "exact" | "nearest";
  /** The body as the asked-for version defines it (versionProjection.ts): what the handler gets. */
  body: unknown;
  /** The answer as that version defines it, and where it departs from that version's response schema. */
  respond(status: number, body: unknown): { body: unknown; errors: string[] };
}

export interface ValidatorOptions {
  /** The region of an existing resource group, for ARM's NoRegisteredProviderFound message. */
  regionOf?(subscriptionId: string, resourceGroupName: string): string | undefined;
}

type Matched =
  | { kind: "spec"; match: TemplateMatch<SpecOperation[]> }
  | { kind: "hand"; match: TemplateMatch<HandValidatedOperation> };

export class SpecValidator {
  private readonly catalog: SpecCatalog;
  private readonly hand = createRouter(HAND_VALIDATED_OPERATIONS.map((op) => ({ method: op.method, path: op.template, value: op })));

  constructor(specsDir: string, private readonly options: ValidatorOptions = {}) {
    this.catalog = loadSpecCatalog(specsDir);
  }

  checkRequest(req: EmulatorRequest, options: { bodyWithheld?: boolean } = {}): RequestCheck {
    const found = this.find(req.method, req.url.pathname);
    const requested = req.url.searchParams.get("api-version");
    if (!found) {
      return { source: "none", body: req.body, respond: (_status, body) => ({ body, errors: [] }),
        problems: [{ where: "path", message: `No vendored spec or hand check covers ${req.method} ${req.path}.` }] };
    }
    const { params } = found.match;
    // Every hand-validated operation is ARM's (handValidated.ts).
    const service = found.kind === "spec" ? found.match.value[0]!.service : "arm";
    const key = found.kind === "spec" ? versionKeyOf(service, found.match.template) ?? "" : found.match.value.versions;
    const versionProblems = apiVersionProblems(requested, { service, key, resourceType: armResourceType(found.match.template)?.type,
      location: this.regionFor(req, params) });
    if (found.kind === "hand") {
      const op = found.match.value;
      const problems = versionProblems.length > 0 ? versionProblems : this.handProblems(op, req, params, options);
      return { operation: op.template, source: "hand", problems, body: req.body,
        respond: (status, body) => ({ body, errors: this.handResponseErrors(op, status, body, requested ?? "") }) };
    }
    const versions = found.match.value;
    const chosen = versions.find((op) => op.apiVersion === pickVersion(requested, versions.map((op) => op.apiVersion), offeredVersions(key))) ?? versions[0]!;
    const others = versions.filter((op) => op !== chosen);
    const bodyRef = (op: SpecOperation) => op.parameters.find((p) => p.in === "body")?.schema as string | undefined;
    const problems = versionProblems.length > 0 ? versionProblems : validateAgainstSpec(this.catalog, chosen, req, params, options);
    return {
      operation: chosen.operationId, source: "spec", problems, specVersion: chosen.apiVersion,
      ...(requested ? { versionMatch: chosen.apiVersion === requested ? "exact" : "nearest" } : {}),
      body: projectToVersion(this.catalog, req.body, bodyRef(chosen), others.flatMap((op) => bodyRef(op) ?? [])),
      respond: (status, body) => {
        const shaped = projectToVersion(this.catalog, body, responseSchemaOf(chosen, status), others.flatMap((op) => responseSchemaOf(op, status) ?? []));
        return { body: shaped, errors: this.errorsAgainst(responseSchemaOf(chosen, status), status, shaped) };
      },
    };
  }

  /** Problems with a response body per the operation's response schema (`[]` when it conforms or has none). */
  checkResponse(method: string, pathname: string, status: number, body: unknown, apiVersion?: string): string[] {
    const found = this.find(method, pathname);
    const version = apiVersion ?? (found?.kind === "spec" ? found.match.value.map((op) => op.apiVersion).sort().at(-1) : undefined);
    const url = new URL(`https://127.0.0.1${pathname}`);
    if (version) url.searchParams.set("api-version", version);
    const request = { method: method as EmulatorRequest["method"], url, path: pathname, headers: {}, body: undefined };
    return this.checkRequest(request).respond(status, body).errors;
  }

  /** Validate any value against a vendored definition, e.g. an Event Grid event's `data`. */
  checkDefinition(relativeFile: string, definition: string, value: unknown): string[] {
    return this.errorsAgainst(this.catalog.definitionRef(relativeFile, definition), 200, value);
  }

  private handProblems(op: HandValidatedOperation, req: EmulatorRequest, params: Record<string, string>, options: { bodyWithheld?: boolean }) {
    const rules = Object.entries(op.pathRules ?? {}).flatMap(([name, schema]) =>
      check(this.catalog, schema, params[name] ?? "", "path", `path parameter '${name}' ('${params[name] ?? ""}')`));
    const body = op.body && !options.bodyWithheld && req.body !== undefined ? check(this.catalog, op.body, req.body, "body", "") : [];
    const missing = op.body && !options.bodyWithheld && req.body === undefined ? [{ where: "body" as const, message: "The request body is required." }] : [];
    return [...rules, ...missing, ...body, ...(missing.length > 0 ? [] : op.validate?.(req) ?? [])];
  }

  private handResponseErrors(op: HandValidatedOperation, status: number, body: unknown, apiVersion: string): string[] {
    const schema = op.responseSchema?.(status, apiVersion) ?? (op.responseDefinition && this.catalog.definitionRef(...op.responseDefinition));
    return this.errorsAgainst(schema, status, body);
  }

  private errorsAgainst(schema: string | Record<string, unknown> | undefined, status: number, body: unknown): string[] {
    if (!schema) return [];
    if (body === undefined) return [`status ${status} should carry a body`];
    const validate = this.catalog.validator(schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => describe(e, ""));
  }

  private regionFor(req: EmulatorRequest, params: Record<string, string>): string | undefined {
    const fromBody = (req.body as { location?: unknown } | undefined)?.location;
    if (typeof fromBody === "string") return fromBody.replace(/\s+/g, "").toLowerCase();
    if (params.location) return params.location;
    return params.subscriptionId && params.resourceGroupName ? this.options.regionOf?.(params.subscriptionId, params.resourceGroupName) : undefined;
  }

  private find(method: string, pathname: string): Matched | undefined {
    const paths = pathname.length > 1 && pathname.endsWith("/") ? [pathname, pathname.slice(0, -1)] : [pathname];
    for (const candidate of paths) {
      const spec = this.catalog.operations.match(method, candidate, { allowEmptyLastParam: true });
      if (spec) return { kind: "spec", match: spec };
      const hand = this.hand.match(method, candidate);
      if (hand) return { kind: "hand", match: hand };
    }
    return undefined;
  }
}

function responseSchemaOf(op: SpecOperation, status: number): string | undefined {
  const code = String(status);
  return code in op.responseSchemas ? op.responseSchemas[code] : op.responseSchemas.default;
}
