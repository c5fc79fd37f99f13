// What every HTTP route does before its own work: route parameters and ids checked against Azure's naming rules
// (domain/azureNames.ts) before anything is read or started, JSON bodies read with a content type and a size cap,
// and a guard so that nothing a route throws becomes a bare 500: Azure's failures answer 502/503, anything else a
// 500, each with a JSON body that echoes nothing of the request; the log line gets the reason with controls escaped.
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import type { z } from "zod";
import { AzureOperationError } from "../adapters/errors.js";
import { isManagedSubscription, type Config } from "../config.js";
import { ClusterAddress, printable, subscriptionId } from "../domain/azureNames.js";
import type { ClusterRef } from "../domain/ids.js";
import { toFieldProblems } from "../domain/provisioningRequest.js";
import { invalidRequest, problem } from "./httpResponses.js";

export type Checked<T> = { ok: true; value: T } | { ok: false; response: HttpResponseInit };

export function checked<S extends z.ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalidRequest(toFieldProblems(parsed.error)) };
}

/**
 * The cluster a cluster route names: /api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}/…
 * or the short /api/clusters/{resourceGroup}/{clusterName}/… in AZURE_SUBSCRIPTION_ID. A subscription the app does not
 * manage (MANAGED_SUBSCRIPTIONS) is a 403 before anything is read: the app's identity may see more than it manages.
 */
export function clusterOf(req: HttpRequest, config: Readonly<Config>): Checked<ClusterRef> {
  const named = req.params.subscriptionId;
  const subscription = named === undefined ? undefined : subscriptionId.safeParse(named);
  const address = ClusterAddress.safeParse({ resourceGroup: req.params.resourceGroup, clusterName: req.params.clusterName });
  const problems = [...(subscription?.success === false ? toFieldProblems(subscription.error).map((p) => ({ ...p, field: "subscriptionId" })) : []),
    ...(address.success ? [] : toFieldProblems(address.error))];
  if (problems.length || !address.success) return { ok: false, response: invalidRequest(problems) };
  const chosen = subscription?.data ?? config.azure.subscriptionId;
  if (!isManagedSubscription(config, chosen)) return { ok: false, response: subscriptionNotManaged() };
  return { ok: true, value: { subscriptionId: chosen, ...address.data } };
}

/** The answer to a subscription the app does not manage; names the field, not the value. */
export const subscriptionNotManaged = (field = "subscriptionId"): HttpResponseInit =>
  problem(403, "SubscriptionNotManaged", `The ${field} is not one of the subscriptions this app manages (MANAGED_SUBSCRIPTIONS, AZURE_SUBSCRIPTION_ID).`,
    { details: [{ field, message: "is not a subscription this app manages" }] });

/** The {id} route parameter, checked against the kind of instance id the route serves. */
export function idOf(req: HttpRequest, schema: z.ZodType<string>): Checked<string> {
  const parsed = schema.safeParse(req.params.id);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, response: invalidRequest(toFieldProblems(parsed.error).map((p) => ({ ...p, field: "id" }))) };
}

/** No request of the app carries more than a few KB; the largest provisioning request is about 2 KB. */
const MAX_BODY_BYTES = 64 * 1024;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

/**
 * The request's JSON body: 413 past the cap, 415 for a body that is not `application/json`, 400 for one that does not
 * parse. An empty body is `undefined` where the route makes the body optional, else a 400.
 */
export async function jsonBody(req: HttpRequest, options: { optional?: boolean } = {}): Promise<Checked<unknown>> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return tooLarge();
  if (!text.trim()) {
    return options.optional ? { ok: true, value: undefined } : { ok: false, response: invalidRequest([{ field: "(body)", message: "must be a JSON object" }]) };
  }
  if (!JSON_TYPE.test(req.headers.get("content-type") ?? "")) {
    return { ok: false, response: problem(415, "UnsupportedMediaType", "The request body must be JSON, sent with content-type: application/json.") };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: invalidRequest([{ field: "(body)", message: "must be a JSON object" }]) };
  }
}

const tooLarge = (): Checked<never> => ({ ok: false, response: problem(413, "PayloadTooLarge", `The request body must be at most ${MAX_BODY_BYTES} bytes.`) });

type DurableRoute = (req: HttpRequest, client: DurableClient, context: InvocationContext) => Promise<HttpResponseInit>;
type PlainRoute = (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** A route whose failures are answered: Azure's as 502/503 (the caller may retry), anything else as a 500 with a body. */
export const guarded = (route: DurableRoute): DurableRoute => (req, client, context) => answered(context, () => route(req, client, context));
/** The same for a route registered without a durable client (`app.http`). */
export const guardedHttp = (route: PlainRoute): PlainRoute => (req, context) => answered(context, () => route(req, context));

async function answered(context: InvocationContext, route: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return await route();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    context.error(`${context.functionName} failed: ${printable(reason, 500)}`);
    if (error instanceof AzureOperationError) {
      return error.kind === "transient"
        ? problem(503, "AzureUnavailable", "Azure did not answer in time; try again later.")
        : problem(502, "AzureRequestFailed",
          `Azure refused an operation of this request (${error.statusCode ?? "no status"}${error.code ? ` ${error.code}` : ""}).`);
    }
    return problem(500, "InternalError", "The request could not be completed; the app's log has the reason.");
  }
}
