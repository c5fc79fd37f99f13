// `/_emulator/*` requests: the test hooks over HTTP, outside the request log, auth and throttling.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route } from "../types.js";
import { errorResponse } from "./errors.js";
import { BodyError, readJsonBody, sendResponse } from "./http.js";
import type { TemplateMatch } from "./router.js";

export async function answerControl(req: IncomingMessage, res: ServerResponse, url: URL, path: string, route?: TemplateMatch<Route>) {
  if (!route) return sendResponse(req, res, errorResponse(404, "NotFound", `No control operation ${req.method} ${path}.`));
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return sendResponse(req, res, errorResponse(400, "BadRequest", error.message));
  }
  const response = await route.value.handler({ method: route.value.method, url, path, headers: req.headers, body }, route.params);
  sendResponse(req, res, response);
}
