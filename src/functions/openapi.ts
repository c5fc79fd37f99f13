// GET /api/openapi.json: OpenAPI 3.1 for every route of the app. Request bodies and query parameters are the JSON
// Schema of the very zod schemas that validate them (zod 4's toJSONSchema, input side: defaults are optional), so
// the description cannot drift from the validation; answers are described by their documented shape.
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { cassandraName, instanceId, resourceGroupName, subscriptionId } from "../domain/azureNames.js";
import { ProvisioningRequestSchema } from "../domain/provisioningRequest.js";
import { KitQuery } from "./connectionKit.js";
import { json } from "./httpResponses.js";
import { API_ROUTES, type ApiRoute } from "./openapiRoutes.js";
import { RotationRequestSchema } from "./rotationStart.js";

// OpenAPI 3.1's schema dialect is JSON Schema 2020-12; refinements (subnet ids, IPs, durations) are checked at the
// edge but cannot be written as JSON Schema, so they appear as plain strings with a description.
const schemaOf = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const DEMO_SUBSCRIPTION = "00000000-0000-4000-8000-00000000ca55";
const demoSubnet = (name: string) => `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/cass-demo-rg/providers/Microsoft.Network/virtualNetworks/cass-demo-vnet/subnets/${name}`;
const provisioningExample = {
  resourceGroup: "cass-demo-rg", clusterName: "cass-two", location: "eastus2", adminPasswordSecretName: "cass-demo-admin-password",
  privateEndpoint: { subnetId: demoSubnet("endpoints"), ipAddress: "10.20.3.11" },
  datacenter: { name: "dc1", delegatedSubnetId: demoSubnet("cassandra"), nodeCount: 3 },
  approval: { deadline: "P3D", onTimeout: "compensate" },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: unknown, example?: unknown) => ({ "application/json": { schema, ...(example === undefined ? {} : { example }) } });
const problemAnswer = (description: string) => ({ description, content: jsonContent(ref("Problem")) });

const components = {
  securitySchemes: {
    functionKey: { type: "apiKey", in: "header", name: "x-functions-key", description: "Function key (Azure: function-level auth)" },
    functionKeyQuery: { type: "apiKey", in: "query", name: "code" },
  },
  schemas: {
    ProvisioningRequest: schemaOf(ProvisioningRequestSchema),
    RotationRequest: schemaOf(RotationRequestSchema),
    Problem: {
      type: "object", required: ["error"],
      properties: { error: { type: "object", required: ["code", "message"], properties: {
        code: { type: "string" }, message: { type: "string" },
        details: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
      } } },
    },
    Accepted: {
      type: "object", required: ["id", "statusUri"],
      properties: { id: { type: "string" }, statusUri: { type: "string", format: "uri", description: "the app's own status route (also in Location)" }, joined: { type: "boolean" },
        queuedBehind: { type: "string", description: "the running rotation this request waits for; `id` is the queued request, carried out after it" } },
    },
    InstanceView: {
      type: "object", required: ["id", "runtimeStatus", "progress"],
      properties: {
        id: { type: "string" }, runtimeStatus: { enum: ["Pending", "Running", "Completed", "Failed", "Terminated", "ContinuedAsNew", "Suspended"] },
        createdTime: { type: "string" }, lastUpdatedTime: { type: "string" },
        progress: { type: "object", description: "step, steps with times, waitingOn (running instances only), details, failure, compensation" },
        output: {}, error: { type: "string" },
      },
    },
  },
};

const parameters = {
  // Path parameters are checked with the naming rules of domain/azureNames.ts: their JSON Schema, as for the bodies.
  id: { name: "id", in: "path", required: true, schema: schemaOf(instanceId), description: "instance id as the app answered it" },
  subscriptionId: { name: "subscriptionId", in: "path", required: true, schema: schemaOf(subscriptionId), description: "one of MANAGED_SUBSCRIPTIONS (or AZURE_SUBSCRIPTION_ID)" },
  resourceGroup: { name: "resourceGroup", in: "path", required: true, schema: schemaOf(resourceGroupName) },
  clusterName: { name: "clusterName", in: "path", required: true, schema: schemaOf(cassandraName) },
  compensate: { name: "compensate", in: "query", required: false, schema: { enum: ["true", "false"], default: "false" } },
} as const;

function queryParameters(schema: z.ZodObject): unknown[] {
  const object = schemaOf(schema) as { properties: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties).map(([name, property]) => ({ name, in: "query", required: object.required?.includes(name) ?? false, schema: property }));
}

function operation(route: ApiRoute): Record<string, unknown> {
  const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => parameters[m[1] as keyof typeof parameters]);
  const query = route.query === "compensate" ? [parameters.compensate] : route.query === "kit" ? queryParameters(KitQuery) : [];
  const body = route.body === "provisioning"
    ? { required: true, content: jsonContent(ref("ProvisioningRequest"), provisioningExample) }
    : route.body === "rotation" ? { required: false, content: jsonContent(ref("RotationRequest"), { scope: "client", reason: "key compromise drill", clients: ["app"] }) }
      : undefined;
  const ok = route.produces === "html" ? { description: "HTML page", content: { "text/html": { schema: { type: "string" } } } }
    : { description: route.ok, content: jsonContent(route.okSchema ? ref(route.okSchema) : { type: "object" }) };
  return {
    operationId: route.name, summary: route.summary,
    ...(pathParameters.length + query.length ? { parameters: [...pathParameters, ...query] } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      [route.okStatus ?? "200"]: ok,
      ...(route.body || route.query || route.path.includes("{")
        ? { 400: problemAnswer("InvalidRequest: a name, id, query parameter or body field breaks its rule; error.details names each (never its value)") }
        : {}),
      ...(route.path.includes("{subscriptionId}") ? { 403: problemAnswer("SubscriptionNotManaged: the subscription is not one this app manages") } : {}),
      ...(route.path.includes("{") ? { 404: problemAnswer("no such instance or cluster") } : {}),
      ...(route.conflict ? { 409: problemAnswer(route.conflict) } : {}),
      ...(route.body ? {
        413: problemAnswer("PayloadTooLarge: the body is over 64 KB"),
        415: problemAnswer("UnsupportedMediaType: a body sent without content-type: application/json"),
      } : {}),
      "5XX": problemAnswer("500 InternalError, 502 AzureRequestFailed (Azure refused an operation), 503 AzureUnavailable (try again later)"),
    },
  };
}

/** The document, with the server the request came to (the app's own origin; never the extension's URLs). */
export function openApiDocument(origin: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) (paths[`/api/${route.path}`] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: "3.1.0",
    info: { title: "Cassandra VPN automation", version: "0.1.0", description: "Provision Azure Managed Instance for Apache Cassandra over a VPN and rotate its certificates." },
    servers: [{ url: origin }],
    security: [{ functionKey: [] }, { functionKeyQuery: [] }],
    paths,
    components,
  };
}

export function getOpenApi(req: HttpRequest): HttpResponseInit {
  return json(200, openApiDocument(new URL(req.url).origin), { "cache-control": "no-store" });
}
