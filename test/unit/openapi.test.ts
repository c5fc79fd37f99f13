// GET /api/openapi.json describes exactly the routes main.ts registers (both ways), its request schemas are the
// zod schemas' own JSON Schema (a body they refuse, the description refuses), and every curl body the README shows
// validates against the operation it is sent to.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ProvisioningRequestSchema } from "../../src/domain/provisioningRequest.js";
import { openApiDocument } from "../../src/functions/openapi.js";
import { registrationsOf } from "../support/registrations.js";

const doc = openApiDocument("http://127.0.0.1:7071") as any;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: "openapi.json", components: doc.components });

/** The JSON Schema validator of an operation's request body. */
function bodyValidator(method: string, path: string) {
  const operation = doc.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} in the description`).toBeDefined();
  const ref = operation.requestBody.content["application/json"].schema.$ref as string;
  return ajv.compile({ $ref: `openapi.json${ref}` });
}

describe("the OpenAPI description", () => {
  it("is OpenAPI 3.1 on the app's own origin, with a function key as its security", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://127.0.0.1:7071" }]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["functionKey", "functionKeyQuery"]);
    expect(JSON.stringify(doc)).not.toMatch(/runtime\/webhooks/);
  });

  it("lists exactly the HTTP routes main.ts registers, with their methods", () => {
    const registered = registrationsOf("src/main.ts").filter((r) => r.trigger === "httpTrigger")
      .flatMap((r) => (r.methods ?? []).map((m) => `${m.toUpperCase()} /api/${r.route} ${r.name}`)).sort();
    const described = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`)).sort();
    expect(registered.length).toBeGreaterThanOrEqual(10);
    expect(described).toEqual(registered);
  });

  it("every operation answers something documented; path parameters are declared", () => {
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        const declared = (op.parameters ?? []).filter((p: any) => p.in === "path").map((p: any) => p.name);
        expect(declared, `${method} ${path}`).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      }
    }
  });

  it("refuses what the zod schema refuses, accepts what it accepts, and its example is valid", () => {
    const validate = bodyValidator("POST", "/api/provisionings");
    const example = doc.paths["/api/provisionings"].post.requestBody.content["application/json"].example;
    expect(ProvisioningRequestSchema.safeParse(example).success).toBe(true);
    expect(validate(example)).toBe(true);
    for (const bad of [{ ...example, adminPassword: "x" }, { ...example, datacenter: { ...example.datacenter, nodeCount: 2 } }, { ...example, clusterName: "bad--name" }]) {
      expect(ProvisioningRequestSchema.safeParse(bad).success).toBe(false);
      expect(validate(bad)).toBe(false);
    }
    const rotation = bodyValidator("POST", "/api/clusters/{resourceGroup}/{clusterName}/rotations");
    expect(rotation({ scope: "ca" })).toBe(true);
    expect(rotation({ scope: "everything" })).toBe(false);
  });

  it("accepts every curl body the README sends", () => {
    const readme = readFileSync("README.md", "utf8");
    const curls = [...readme.matchAll(/curl -X (POST|DELETE) http:\/\/127\.0\.0\.1:7071(\/api\/[^\s?]+)[^\n]*-d '([\s\S]*?)'/g)];
    expect(curls.length).toBeGreaterThanOrEqual(1);
    for (const [, method, path, body] of curls) {
      const template = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{\w+\}/g, "[^/]+")}$`).test(path!));
      expect(template, path).toBeDefined();
      const validate = bodyValidator(method!, template!);
      expect(validate(JSON.parse(body!)), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
