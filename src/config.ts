// loadConfig(env) → typed, frozen Config. A bad or missing variable stops start-up with a message
// that names the variable and the expected form (all problems at once, never a value that is secret).
import { readFileSync } from "node:fs";
import { settings, type SettingName, type SettingValues } from "./configSettings.js";
import type { WriteBudgetLimits } from "./domain/armWriteBudget.js";
import type { RotationPolicySettings, RotationSettings } from "./domain/rotationPlan.js";


export interface Config {
  azure: {
    subscriptionId: string;
    /** Every subscription whose clusters the app manages: AZURE_SUBSCRIPTION_ID first, then MANAGED_SUBSCRIPTIONS. */
    managedSubscriptions: readonly string[];
    armEndpoint: string;
    armScope: string;
    keyVaultUrl: string;
    credential: "default" | "managedIdentity" | "emulator";
    managedIdentityClientId?: string;
    /** PEM text of an extra trusted CA (read from AZURE_TRUSTED_CA_FILE). */
    trustedCaPem?: string;
    disableChallengeResourceVerification: boolean;
    requestTimeoutMs: number;
  };
  managedByTag: string;
  rotation: RotationPolicySettings & { schedule: string; maxConcurrency: number; writeBudget: WriteBudgetLimits };
  approval: { pollIntervalMs: number; deadlineMs: number; onTimeout: "compensate" | "keep" };
  operations: { pollIntervalMs: number; timeoutMs: number };
  cql: { port: number; verifyTimeoutMs: number; verifyWindowMs: number; trustedServerCaPems?: string[] };
  /** `entraClientId`: "" = the system-assigned identity; unset = the connection string's own key authorizes. */
  telemetry: { connectionString?: string; entraClientId?: string; notifyWebhookUrl?: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

function readSettings(env: Record<string, string | undefined>): SettingValues {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const raw = env[name]?.trim() || ("default" in setting ? setting.default : undefined);
    if (raw === undefined) {
      if (!("optional" in setting)) problems.push(`${name} is required: expected ${setting.form}.`);
      continue;
    }
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    // The raw value is not echoed: a misplaced secret must not reach logs.
    else problems.push(`${name} is invalid: expected ${parsed.error.issues[0]?.message ?? setting.form}.`);
  }
  if (problems.length) throw new ConfigError(problems);
  return values as SettingValues;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const s = readSettings(env);
  const problems: string[] = [];
  if (s.AZURE_CREDENTIAL === "emulator" && new URL(s.ARM_ENDPOINT).hostname.endsWith("azure.com")) {
    problems.push("AZURE_CREDENTIAL=emulator is only valid with an ARM_ENDPOINT that is not Azure (the local emulator).");
  }
  const trustedCaPem = readPemFile("AZURE_TRUSTED_CA_FILE", s.AZURE_TRUSTED_CA_FILE, problems);
  const cqlCaPem = readPemFile("CQL_TRUSTED_CA_FILE", s.CQL_TRUSTED_CA_FILE, problems);
  if (problems.length) throw new ConfigError(problems);
  return deepFreeze({
    azure: {
      subscriptionId: s.AZURE_SUBSCRIPTION_ID,
      managedSubscriptions: uniqueIgnoringCase([s.AZURE_SUBSCRIPTION_ID, ...(s.MANAGED_SUBSCRIPTIONS ?? [])]),
      armEndpoint: s.ARM_ENDPOINT.replace(/\/+$/, ""),
      armScope: s.ARM_SCOPE,
      keyVaultUrl: s.KEY_VAULT_URL.replace(/\/+$/, ""),
      credential: s.AZURE_CREDENTIAL,
      ...(s.AZURE_CLIENT_ID ? { managedIdentityClientId: s.AZURE_CLIENT_ID } : {}),
      ...(trustedCaPem ? { trustedCaPem } : {}),
      disableChallengeResourceVerification: s.KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION,
      requestTimeoutMs: s.AZURE_REQUEST_TIMEOUT,
    },
    managedByTag: s.MANAGED_BY_TAG,
    rotation: {
      schedule: s.ROTATION_SCHEDULE,
      maxConcurrency: s.ROTATION_MAX_CONCURRENCY,
      writeBudget: s.ARM_WRITE_BUDGET,
      clientRenewFraction: s.CLIENT_RENEW_FRACTION,
      caRenewFraction: s.CA_RENEW_FRACTION,
      clientValidityMonths: s.CLIENT_CERT_VALIDITY_MONTHS,
      caValidityMonths: s.CA_VALIDITY_MONTHS,
      keyType: s.CERT_KEY_TYPE,
      caRetireGraceMs: s.CA_RETIRE_GRACE,
      caRenewalKey: s.CA_RENEWAL_KEY,
    },
    approval: { pollIntervalMs: s.APPROVAL_POLL_INTERVAL, deadlineMs: s.APPROVAL_DEADLINE, onTimeout: s.APPROVAL_ON_TIMEOUT },
    operations: { pollIntervalMs: s.OPERATION_POLL_INTERVAL, timeoutMs: s.OPERATION_TIMEOUT },
    cql: { port: s.CQL_PORT, verifyTimeoutMs: s.MTLS_VERIFY_TIMEOUT, verifyWindowMs: s.MTLS_VERIFY_WINDOW, ...(cqlCaPem ? { trustedServerCaPems: [cqlCaPem] } : {}) },
    telemetry: {
      ...(s.APPLICATIONINSIGHTS_CONNECTION_STRING ? { connectionString: s.APPLICATIONINSIGHTS_CONNECTION_STRING } : {}),
      ...(s.APPLICATIONINSIGHTS_AUTHENTICATION_STRING ? { entraClientId: /ClientId=([0-9a-fA-F-]{36})/.exec(s.APPLICATIONINSIGHTS_AUTHENTICATION_STRING)?.[1] ?? "" } : {}),
      ...(s.NOTIFY_WEBHOOK_URL ? { notifyWebhookUrl: s.NOTIFY_WEBHOOK_URL } : {}),
    },
  });
}

/** What a rotation needs from configuration, in the domain's terms. */
export function rotationSettings(config: Readonly<Config>): RotationSettings {
  const { clientRenewFraction, caRenewFraction, clientValidityMonths, caValidityMonths, keyType, caRetireGraceMs, caRenewalKey } = config.rotation;
  return {
    policy: { clientRenewFraction, caRenewFraction, clientValidityMonths, caValidityMonths, keyType, caRetireGraceMs, caRenewalKey },
    // mTLS checks before giving up: one per poll interval across the verification window (at least one).
    timing: { ...config.operations, verifyAttempts: Math.floor(config.cql.verifyWindowMs / config.operations.pollIntervalMs) + 1 },
    managedByTag: config.managedByTag,
  };
}

/** Subscription ids compare without case (ARM ids do); the first spelling of each stays. */
const uniqueIgnoringCase = (ids: string[]) => ids.filter((id, i) => ids.findIndex((o) => o.toLowerCase() === id.toLowerCase()) === i);

/** Whether the app manages clusters in this subscription (config.azure.managedSubscriptions). */
export const isManagedSubscription = (config: Readonly<Config>, subscriptionId: string) =>
  config.azure.managedSubscriptions.some((s) => s.toLowerCase() === subscriptionId.toLowerCase());

function readPemFile(name: string, path: string | undefined, problems: string[]): string | undefined {
  if (!path) return undefined;
  try {
    const pem = readFileSync(path, "utf8");
    if (pem.includes("-----BEGIN CERTIFICATE-----")) return pem;
  } catch {
    // reported below
  }
  problems.push(`${name} is invalid: expected a readable PEM certificate file.`);
  return undefined;
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === "object") for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
