// The telemetry settings as the app reads them: off unless configured, Entra ID ingestion from the host's own
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING (infra/ sets it: local auth is disabled), and a bad value names its
// variable without echoing it (a connection string carries the resource's instrumentation key).
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { telemetryHooks } from "../../src/telemetry/hooks.js";
import { CONFIG_SUBSCRIPTION } from "../support/testIds.js";

const minimal = { AZURE_SUBSCRIPTION_ID: CONFIG_SUBSCRIPTION, KEY_VAULT_URL: "https://kv.vault.azure.net" };
const connection = "InstrumentationKey=0c0ffee0-0000-4000-8000-000000000001;IngestionEndpoint=https://eastus2-3.in.applicationinsights.azure.com/";

describe("telemetry settings", () => {
  it("are off by default: no hooks are registered", () => {
    expect(loadConfig(minimal).telemetry).toEqual({});
    expect(telemetryHooks(loadConfig(minimal).telemetry)).toBeUndefined();
  });

  it("read the connection string, the managed identity for Entra ID ingestion and the webhook", () => {
    const c = loadConfig({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: connection,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "ClientId=11111111-2222-4333-8444-555555555555;Authorization=AAD", NOTIFY_WEBHOOK_URL: "https://hooks.example.com/x" });
    expect(c.telemetry).toEqual({ connectionString: connection, entraClientId: "11111111-2222-4333-8444-555555555555", notifyWebhookUrl: "https://hooks.example.com/x" });
    expect(loadConfig({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: connection, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "Authorization=AAD" }).telemetry.entraClientId).toBe("");
    expect(telemetryHooks(c.telemetry)).toEqual({ pre: expect.any(Function), post: expect.any(Function) });
  });

  it.each([
    ["APPLICATIONINSIGHTS_CONNECTION_STRING", "IngestionEndpoint=https://x/;Secretish=abc123"],
    ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=Key"],
    ["NOTIFY_WEBHOOK_URL", "http://hooks.example.com/x"],
  ])("refuse a bad %s, naming it without its value", (name, value) => {
    let error: unknown;
    try { loadConfig({ ...minimal, [name]: value }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain(value);
  });
});
