// Every setting the app reads, with its expected form and default. README's configuration table is
// written from this list; `loadConfig` (config.ts) turns it into a typed Config.
import { z } from "zod";
import { isoDurationToMs } from "./domain/duration.js";

const text = z.string().trim().min(1);
const httpsUrl = text.refine((v) => URL.canParse(v) && new URL(v).protocol === "https:", "an https:// URL");
const uuid = text.regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "a GUID");
// Subscription GUIDs, comma-separated; an entry is named by its position, never echoed.
const uuidList = text.transform((v, ctx) => {
  const entries = v.split(",").map((s) => s.trim());
  const bad = entries.findIndex((s) => !/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(s));
  if (bad >= 0) {
    ctx.addIssue({ code: "custom", message: `comma-separated subscription GUIDs (entry ${bad + 1} is not a GUID)` });
    return z.NEVER;
  }
  return entries;
});
const duration = text.transform((v, ctx) => {
  const ms = isoDurationToMs(v);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: "custom", message: "a positive ISO-8601 duration in weeks/days/hours/minutes/seconds, e.g. PT5M or P7D" });
    return z.NEVER;
  }
  return ms;
});
const fraction = z.coerce.number().gt(0, "a number between 0 and 1").lt(1, "a number between 0 and 1");
const positiveInt = (max: number) => z.coerce.number().int("a whole number").min(1).max(max);
// A webhook receives notifications: https, or http on loopback for a local receiver.
const webhookUrl = text.refine((v) => URL.canParse(v) && (new URL(v).protocol === "https:"
  || (new URL(v).protocol === "http:" && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(new URL(v).hostname))), "an https:// URL (http:// only on loopback)");
const connectionString = text.regex(/(^|;)\s*InstrumentationKey\s*=\s*[^;]+/i, "an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)");
// The Functions host's own form for Entra ID ingestion (Application Insights with local auth disabled).
const authenticationString = text.regex(/^(?=.*\bAuthorization=AAD\b)(?:\s*(?:Authorization=AAD|ClientId=[0-9a-fA-F-]{36})\s*;?)+$/,
  "Authorization=AAD, with ClientId=<GUID> for a user-assigned identity");
// ARM's write bucket: burst, then refill per second (host-and-service.md "ARM throttling": 200 and 10).
const writeBudget = text.regex(/^\d+\/\d+(\.\d+)?$/, "BURST/REFILL_PER_SECOND, e.g. 200/10")
  .transform((v) => ({ burst: Number(v.split("/")[0]), refillPerSecond: Number(v.split("/")[1]) }))
  .refine((b) => b.burst >= 1 && b.refillPerSecond > 0, "a burst of at least 1 and a refill above 0, e.g. 200/10");
const flag = z.enum(["true", "false"], "true or false").transform((v) => v === "true");
// NCRONTAB as the Functions timer trigger takes it: six fields, seconds first.
const ncrontab = text.regex(/^(\S+\s+){5}\S+$/, "an NCRONTAB expression with 6 fields (second minute hour day month weekday)")
  .regex(/^[\d*/,\-A-Za-z?\s]+$/, "NCRONTAB characters only: digits * / , - and names");

export interface Setting {
  schema: z.ZodType;
  /** Used when the variable is unset or empty; undefined means required (or optional if `optional`). */
  default?: string;
  optional?: boolean;
  form: string;
  purpose: string;
}

export const settings = {
  AZURE_SUBSCRIPTION_ID: { schema: uuid, form: "GUID", purpose: "The app's own subscription: the short cluster routes and a provisioning request that names none mean this one." },
  MANAGED_SUBSCRIPTIONS: { schema: uuidList, optional: true, form: "comma-separated GUIDs", purpose: "Subscriptions whose clusters the app manages: the rotation timer lists each, and routes and provisioning requests may name only these. AZURE_SUBSCRIPTION_ID is always one of them (the default)." },
  KEY_VAULT_URL: { schema: httpsUrl, form: "https URL", purpose: "Vault holding the cluster CAs, client certificates and the admin password secrets." },
  ARM_ENDPOINT: { schema: httpsUrl, default: "https://management.azure.com", form: "https URL", purpose: "Azure Resource Manager endpoint (the emulator's in local mode)." },
  ARM_SCOPE: { schema: httpsUrl, default: "https://management.azure.com/.default", form: "https URL", purpose: "Token scope for ARM; keeps real tokens valid when ARM_ENDPOINT points elsewhere." },
  AZURE_CREDENTIAL: { schema: z.enum(["default", "managedIdentity", "emulator"], "default, managedIdentity or emulator"), default: "default", form: "`default`, `managedIdentity` or `emulator`", purpose: "DefaultAzureCredential, ManagedIdentityCredential, or the emulator's static token (local only)." },
  AZURE_CLIENT_ID: { schema: uuid, optional: true, form: "GUID", purpose: "Client id of a user-assigned managed identity." },
  AZURE_TRUSTED_CA_FILE: { schema: text, optional: true, form: "path to a PEM file", purpose: "Extra CA trusted for ARM and Key Vault TLS (the emulator's root CA in local mode)." },
  KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: { schema: flag, default: "false", form: "`true` or `false`", purpose: "Lets Key Vault clients talk to a vault whose host is not *.vault.azure.net (emulator only)." },
  AZURE_REQUEST_TIMEOUT: { schema: duration, default: "PT60S", form: "ISO-8601 duration", purpose: "Longest wait for one answer from ARM or Key Vault: a request still unanswered is aborted and its activity retried, instead of holding the activity until the host's function timeout." },
  MANAGED_BY_TAG: { schema: text, default: "cassandra-vpn-automation", form: "text", purpose: "Value of the `managed-by` tag the app puts on clusters it manages and looks for when rotating." },
  ROTATION_SCHEDULE: { schema: ncrontab, default: "0 0 3 * * *", form: "NCRONTAB (6 fields)", purpose: "When the rotation timer checks every managed cluster." },
  ROTATION_MAX_CONCURRENCY: { schema: positiveInt(50), default: "4", form: "integer 1-50", purpose: "Rotations the timer runs at once (sized to the ARM write budget)." },
  ARM_WRITE_BUDGET: { schema: writeBudget, default: "200/10", form: "`BURST/REFILL_PER_SECOND`", purpose: "Each subscription's ARM write bucket (writes, then writes refilled per second) the fleet rotation paces new rotations by, next to what ARM's answers report (docs/performance.md)." },
  CLIENT_RENEW_FRACTION: { schema: fraction, default: "0.3333", form: "number in (0,1)", purpose: "Renew a client certificate when less than this fraction of its lifetime remains." },
  CA_RENEW_FRACTION: { schema: fraction, default: "0.2", form: "number in (0,1)", purpose: "Rotate a CA when less than this fraction of its lifetime remains." },
  CLIENT_CERT_VALIDITY_MONTHS: { schema: positiveInt(120), default: "12", form: "integer months", purpose: "Lifetime of issued client certificates." },
  CA_VALIDITY_MONTHS: { schema: positiveInt(600), default: "60", form: "integer months", purpose: "Lifetime of a cluster CA." },
  CERT_KEY_TYPE: { schema: z.enum(["EC-P256", "RSA-2048", "RSA-3072"], "EC-P256, RSA-2048 or RSA-3072"), default: "EC-P256", form: "`EC-P256`, `RSA-2048` or `RSA-3072`", purpose: "Key type of new CA and client keys (created inside Key Vault)." },
  CA_RETIRE_GRACE: { schema: duration, default: "PT24H", form: "ISO-8601 duration", purpose: "How long the old CA stays trusted after a CA rotation promotes the new one." },
  CA_RENEWAL_KEY: { schema: z.enum(["new", "reuse"], "new or reuse"), default: "new", form: "`new` or `reuse`", purpose: "A CA renewal makes a new key (`new`, clients re-issued) or renews the certificate on the same Key Vault key (`reuse`, clients kept)." },
  APPROVAL_POLL_INTERVAL: { schema: duration, default: "PT5M", form: "ISO-8601 duration", purpose: "How often a waiting provisioning re-reads the private endpoint's connection state." },
  APPROVAL_DEADLINE: { schema: duration, default: "P7D", form: "ISO-8601 duration", purpose: "How long to wait for the private endpoint approval by default." },
  APPROVAL_ON_TIMEOUT: { schema: z.enum(["compensate", "keep"], "compensate or keep"), default: "compensate", form: "`compensate` or `keep`", purpose: "What a provisioning does at its approval deadline: undo what it created, or keep it." },
  OPERATION_POLL_INTERVAL: { schema: duration, default: "PT30S", form: "ISO-8601 duration", purpose: "How often orchestrations re-read a resource while an Azure operation runs." },
  OPERATION_TIMEOUT: { schema: duration, default: "PT3H", form: "ISO-8601 duration", purpose: "Longest wait for one Azure operation (cluster or datacenter create, certificate update)." },
  CQL_PORT: { schema: positiveInt(65535), default: "9042", form: "port number", purpose: "Port of the nodes' CQL native protocol (TLS) for the mTLS verification." },
  CQL_TRUSTED_CA_FILE: { schema: text, optional: true, form: "path to a PEM file", purpose: "Roots the nodes' server certificates must chain to; unset = the public roots Azure's nodes use (the emulator's node CA in local mode)." },
  MTLS_VERIFY_WINDOW: { schema: duration, default: "PT10M", form: "ISO-8601 duration", purpose: "How long a rotation keeps retrying the mTLS check after a trust change (the rolling restart may still be applying it) before it rolls back." },
  MTLS_VERIFY_TIMEOUT: { schema: duration, default: "PT15S", form: "ISO-8601 duration", purpose: "Time allowed for one mTLS handshake + CQL OPTIONS exchange." },
  APPLICATIONINSIGHTS_CONNECTION_STRING: { schema: connectionString, optional: true, form: "connection string", purpose: "Application Insights to export OpenTelemetry traces, metrics and events to (loaded on first use, so cold start does not pay for it); unset = no telemetry." },
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: { schema: authenticationString, optional: true, form: "`Authorization=AAD[;ClientId=GUID]`", purpose: "Sends telemetry with the managed identity (Entra ID) to an Application Insights resource with local auth disabled, as the Functions host does." },
  NOTIFY_WEBHOOK_URL: { schema: webhookUrl, optional: true, form: "https URL", purpose: "Also POSTs a JSON notification here on every rollback or failed rotation (besides the Application Insights event)." },
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;
export type SettingValues = { [K in SettingName]: (typeof settings)[K] extends { optional: true }
  ? z.output<(typeof settings)[K]["schema"]> | undefined
  : z.output<(typeof settings)[K]["schema"]> };
