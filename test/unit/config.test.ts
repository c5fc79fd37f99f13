import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { CONFIG_SUBSCRIPTION, FOREIGN_SUBSCRIPTION } from "../support/testIds.js";

const minimal = {
  AZURE_SUBSCRIPTION_ID: CONFIG_SUBSCRIPTION,
  KEY_VAULT_URL: "https://my-kv.vault.azure.net/",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error("loadConfig accepted the environment");
}

describe("loadConfig", () => {
  it("applies safe defaults and converts durations to milliseconds", () => {
    const c = loadConfig(minimal);
    expect(c.azure.armEndpoint).toBe("https://management.azure.com");
    expect(c.azure.keyVaultUrl).toBe("https://my-kv.vault.azure.net");
    expect(c.azure.credential).toBe("default");
    expect(c.azure.disableChallengeResourceVerification).toBe(false);
    expect(c.approval).toEqual({ pollIntervalMs: 300_000, deadlineMs: 7 * 86_400_000, onTimeout: "compensate" });
    expect(c.rotation.schedule).toBe("0 0 3 * * *");
    expect(c.rotation.keyType).toBe("EC-P256");
    expect(c.cql.port).toBe(9042);
  });

  it("manages AZURE_SUBSCRIPTION_ID by default, and every subscription MANAGED_SUBSCRIPTIONS lists besides", () => {
    expect(loadConfig(minimal).azure.managedSubscriptions).toEqual([CONFIG_SUBSCRIPTION]);
    const listed = loadConfig({ ...minimal, MANAGED_SUBSCRIPTIONS: ` ${FOREIGN_SUBSCRIPTION}, ${CONFIG_SUBSCRIPTION.toUpperCase()},${FOREIGN_SUBSCRIPTION}` });
    expect(listed.azure.managedSubscriptions).toEqual([CONFIG_SUBSCRIPTION, FOREIGN_SUBSCRIPTION]);
  });

  it("names MANAGED_SUBSCRIPTIONS and the entry that is not a GUID, without echoing it", () => {
    for (const value of [`${FOREIGN_SUBSCRIPTION},not-a-guid`, `${FOREIGN_SUBSCRIPTION},,${CONFIG_SUBSCRIPTION}`]) {
      const problems = problemsOf({ ...minimal, MANAGED_SUBSCRIPTIONS: value });
      expect(problems).toEqual([expect.stringMatching(/^MANAGED_SUBSCRIPTIONS is invalid: expected comma-separated subscription GUIDs \(entry 2 is not a GUID\)/)]);
      expect(problems.join()).not.toContain("not-a-guid");
    }
  });

  it("is frozen all the way down", () => {
    const c = loadConfig(minimal);
    expect(Object.isFrozen(c.approval)).toBe(true);
    expect(() => {
      (c.approval as { pollIntervalMs: number }).pollIntervalMs = 1;
    }).toThrow(TypeError);
  });

  it("names every missing required variable with its expected form", () => {
    const problems = problemsOf({});
    expect(problems).toEqual([
      "AZURE_SUBSCRIPTION_ID is required: expected GUID.",
      "KEY_VAULT_URL is required: expected https URL.",
    ]);
  });

  it.each([
    ["AZURE_SUBSCRIPTION_ID", "not-a-guid", "a GUID"],
    ["KEY_VAULT_URL", "http://kv.local", "an https:// URL"],
    ["ARM_ENDPOINT", "management.azure.com", "an https:// URL"],
    ["APPROVAL_POLL_INTERVAL", "5 minutes", "ISO-8601 duration"],
    ["APPROVAL_DEADLINE", "P1M", "ISO-8601 duration"],
    ["APPROVAL_DEADLINE", "PT0S", "positive ISO-8601 duration"],
    ["APPROVAL_ON_TIMEOUT", "wait", "compensate or keep"],
    ["CLIENT_RENEW_FRACTION", "1.5", "between 0 and 1"],
    ["ROTATION_SCHEDULE", "0 3 * * *", "6 fields"],
    ["ROTATION_MAX_CONCURRENCY", "2.5", "whole number"],
    ["CERT_KEY_TYPE", "DSA", "EC-P256, RSA-2048 or RSA-3072"],
    ["KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION", "yes", "true or false"],
    ["AZURE_CLIENT_ID", "abc", "a GUID"],
  ])("rejects %s=%s naming the variable and the form", (name, value, form) => {
    const problems = problemsOf({ ...minimal, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} is invalid: expected .*${form}`));
  });

  it("never echoes the rejected value (it may be a misplaced secret)", () => {
    const problems = problemsOf({ ...minimal, CLIENT_RENEW_FRACTION: "s3cr3t-password" });
    expect(problems.join("\n")).not.toContain("s3cr3t-password");
  });

  it("refuses the emulator credential against real Azure", () => {
    expect(problemsOf({ ...minimal, AZURE_CREDENTIAL: "emulator" })[0]).toMatch(/^AZURE_CREDENTIAL=emulator/);
    const local = loadConfig({ ...minimal, AZURE_CREDENTIAL: "emulator", ARM_ENDPOINT: "https://127.0.0.1:8443" });
    expect(local.azure.credential).toBe("emulator");
  });

  it("reads the trusted CA file and rejects one that is not PEM", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const good = join(dir, "ca.pem");
    writeFileSync(good, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    expect(loadConfig({ ...minimal, AZURE_TRUSTED_CA_FILE: good }).azure.trustedCaPem).toContain("BEGIN CERTIFICATE");
    const bad = join(dir, "bad.pem");
    writeFileSync(bad, "hello");
    expect(problemsOf({ ...minimal, AZURE_TRUSTED_CA_FILE: bad })).toEqual([
      "AZURE_TRUSTED_CA_FILE is invalid: expected a readable PEM certificate file.",
    ]);
    expect(problemsOf({ ...minimal, AZURE_TRUSTED_CA_FILE: join(dir, "missing.pem") })).toHaveLength(1);
  });
});
