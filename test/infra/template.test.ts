// The compiled ARM JSON of infra/ against the app's code: every required setting is set on the Function App,
// the app is VNet-integrated with identity-only storage, and no output carries a secret.
import { describe, expect, it } from "vitest";
import { settings } from "../../src/configSettings.js";
import { allResources, compiledTemplate, ofType, resolve, skipInfra, type Json } from "../support/infraTemplate.js";

const HOST_SETTINGS = /^(AzureWebJobsStorage__|APPLICATIONINSIGHTS_|AzureFunctionsJobHost__|DURABLE_TASK_SCHEDULER_)/;

describe.skipIf(skipInfra())("compiled infra template", () => {
  const template = skipInfra() ? {} : compiledTemplate();
  const site = () => {
    const sites = ofType(template, "Microsoft.Web/sites");
    expect(sites).toHaveLength(1);
    return sites[0]!;
  };
  /** Setting names: the literal arrays the app settings concatenate, and inline createObject('name', …) items. */
  const settingNames = (): Map<string, Json> => {
    const app = site();
    const expression: string = app.resource.properties.siteConfig.appSettings;
    const names = new Map<string, Json>();
    for (const [, variable] of expression.matchAll(/variables\('([^']+)'\)/g)) {
      for (const item of resolve(`[variables('${variable}')]`, app) as Array<{ name: string; value: Json }>) names.set(item.name, item.value);
    }
    for (const [, name] of expression.matchAll(/createObject\('name', '([^']+)'/g)) names.set(name!, "(expression)");
    return names;
  };

  it("sets every setting src/configSettings.ts requires, and only settings the app or the host knows", () => {
    const names = settingNames();
    const required = Object.entries(settings).filter(([, s]) => !("default" in s) && !("optional" in s)).map(([n]) => n);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(names.has(name), name).toBe(true);
    const unknown = [...names.keys()].filter((n) => !(n in settings) && !HOST_SETTINGS.test(n));
    expect(unknown).toEqual([]);
    expect(names.get("AZURE_CREDENTIAL")).toBe("managedIdentity");
    expect(names.has("AZURE_CLIENT_ID")).toBe(true);
  });

  it("runs on Flex Consumption (FC1), Node 22, with the user-assigned identity for the package and the host storage", () => {
    const { resource } = site();
    expect(resource.properties.functionAppConfig.runtime).toEqual({ name: "node", version: "22" });
    expect(resource.identity.type).toBe("UserAssigned");
    expect(resource.properties.functionAppConfig.deployment.storage.authentication.type).toBe("UserAssignedIdentity");
    expect(ofType(template, "Microsoft.Web/serverfarms")[0]!.resource.sku).toEqual({ name: "FC1", tier: "FlexConsumption" });
    const names = settingNames();
    expect(names.get("AzureWebJobsStorage__credential")).toBe("managedidentity");
    for (const service of ["blob", "queue", "table"]) expect(names.has(`AzureWebJobsStorage__${service}ServiceUri`), service).toBe(true);
    const storage = ofType(template, "Microsoft.Storage/storageAccounts")[0]!.resource.properties;
    expect([storage.allowSharedKeyAccess, storage.allowBlobPublicAccess]).toEqual([false, false]);
  });

  it("integrates the app into the given subnet of the existing VNet", () => {
    const app = site();
    const subnet = resolve(app.resource.properties.virtualNetworkSubnetId, app);
    expect(subnet).toMatch(/subnets/);
    expect(subnet).toContain("parameters('appSubnetName')");
    expect(template.parameters.virtualNetworkName).toBeDefined();
  });

  it("disables local auth on Application Insights and Log Analytics and keeps the vault in RBAC mode", () => {
    expect(ofType(template, "Microsoft.Insights/components").filter((r) => r.resource.existing !== true)
      .map((r) => r.resource.properties.DisableLocalAuth)).toEqual([true]);
    expect(ofType(template, "Microsoft.OperationalInsights/workspaces")[0]!.resource.properties.features.disableLocalAuth).toBe(true);
    const vaults = ofType(template, "Microsoft.KeyVault/vaults").filter((r) => r.resource.existing !== true);
    expect(vaults.map((v) => v.resource.properties.enableRbacAuthorization)).toEqual([true]);
  });

  it("puts no secret in any output", () => {
    const templates = [template, ...allResources(template).filter((r) => r.resource.type === "Microsoft.Resources/deployments")
      .map((r) => r.resource.properties.template)];
    const outputs = templates.flatMap((t) => Object.entries<Json>(t.outputs ?? {}));
    expect(outputs.length).toBeGreaterThan(0);
    for (const [name, output] of outputs) {
      expect(String(output.type).toLowerCase(), name).not.toMatch(/secure/);
      expect(JSON.stringify(output.value), name).not.toMatch(/\blist\w*\(|connectionstring|instrumentationkey|secret|password|primaryKey/i);
    }
  });
});
