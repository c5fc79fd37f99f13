// `/_emulator/*`: the control API over HTTP (JSON, no auth), for curl and out-of-process tests.
import { z } from "zod";
import { ApprovalRequest } from "../arm/network/approvals.js";
import { errorResponse } from "../core/errors.js";
import { FaultRuleInput } from "../core/faults.js";
import type { EmulatorResponse, Route } from "../types.js";
import type { ControlApi } from "./api.js";

export const CONTROL_PREFIX = "/_emulator";

export function controlRoutes(api: ControlApi): Route[] {
  return [
    { method: "GET", path: `${CONTROL_PREFIX}/resources`, handler: () => ({ status: 200, body: { resources: api.resources() } }) },
    { method: "POST", path: `${CONTROL_PREFIX}/approvals`, handler: (req) => withBody(ApprovalRequest, req.body, (request) => {
      const endpoint = api.approve(request);
      return endpoint ? { status: 200, body: endpoint }
        : errorResponse(404, "ResourceNotFound", `Private endpoint ${request.privateEndpointId} was not found.`);
    }) },
    { method: "POST", path: `${CONTROL_PREFIX}/faults`, handler: (req) =>
      withBody(FaultRuleInput, req.body, (rule) => ({ status: 201, body: { id: api.addFault(rule) } })) },
    { method: "GET", path: `${CONTROL_PREFIX}/faults`, handler: () => ({ status: 200, body: { faults: api.faults() } }) },
    { method: "DELETE", path: `${CONTROL_PREFIX}/faults`, handler: () => {
      api.clearFaults();
      return { status: 204 };
    } },
    { method: "GET", path: `${CONTROL_PREFIX}/nodes`, handler: async () => ({ status: 200, body: { nodes: await api.nodes() } }) },
    { method: "GET", path: `${CONTROL_PREFIX}/requests`, handler: () => ({ status: 200, body: api.requests() }) },
    { method: "DELETE", path: `${CONTROL_PREFIX}/requests`, handler: () => {
      api.clearRequests();
      return { status: 204 };
    } },
  ];
}

function withBody<T extends z.ZodType>(schema: T, body: unknown, handle: (value: z.output<T>) => EmulatorResponse): EmulatorResponse {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return errorResponse(400, "BadRequest", z.prettifyError(parsed.error));
  return handle(parsed.data);
}
