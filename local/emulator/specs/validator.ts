// The validation facade used by the server core (requests) and by tests (responses).
import { createRouter, type TemplateMatch } from "../core/router.js";
import type { EmulatorRequest } from "../types.js";
import { loadSpecCatalog, type SpecCatalog, type SpecOperation } from "./catalog.js";
import { HAND_VALIDATED_OPERATIONS, type HandValidatedOperation, type RequestProblem } from "./handValidated.js";
import { describe, validateAgainstSpec } from "./requestValidation.js";

export interface RequestCheck {
  /** `operationId` from the spec, or the template of a hand-validated operation. */
  operation?: string;
  source: "spec" | "hand" | "none";
  problems: RequestProblem[];
}

type Matched =
  | { kind: "spec"; match: TemplateMatch<SpecOperation> }
  | { kind: "hand"; match: TemplateMatch<HandValidatedOperation> };

export class SpecValidator {
  private readonly catalog: SpecCatalog;
  private readonly hand = createRouter(
    HAND_VALIDATED_OPERATIONS.map((op) => ({ method: op.method, path: op.template, value: op })),
  );

  constructor(specsDir: string) {
    this.catalog = loadSpecCatalog(specsDir);
  }

  checkRequest(req: EmulatorRequest): RequestCheck {
    const found = this.find(req.method, req.url.pathname);
    if (!found) {
      return { source: "none", problems: [{ where: "path", message: `No vendored spec or hand check covers ${req.method} ${req.path}.` }] };
    }
    if (found.kind === "hand") {
      const op = found.match.value;
      return { operation: op.template, source: "hand", problems: op.validate(req, found.match.params) };
    }
    const op = found.match.value;
    return { operation: op.operationId, source: "spec", problems: validateAgainstSpec(this.catalog, op, req, found.match.params) };
  }

  /** Problems with a response body per the operation's response schema (`[]` when it conforms or has none). */
  checkResponse(method: string, pathname: string, status: number, body: unknown): string[] {
    const found = this.find(method, pathname);
    const schema = !found
      ? undefined
      : found.kind === "spec"
        ? responseSchemaOf(found.match.value, status)
        : found.match.value.responseDefinition && this.catalog.definitionRef(...found.match.value.responseDefinition);
    if (!schema) return [];
    if (body === undefined) return [`status ${status} should carry a body`];
    const validate = this.catalog.validator(schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => describe(e, ""));
  }

  /** Validate any value against a vendored definition, e.g. an Event Grid event's `data`. */
  checkDefinition(relativeFile: string, definition: string, value: unknown): string[] {
    const validate = this.catalog.validator(this.catalog.definitionRef(relativeFile, definition));
    return validate(value) ? [] : (validate.errors ?? []).map((e) => describe(e, ""));
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
