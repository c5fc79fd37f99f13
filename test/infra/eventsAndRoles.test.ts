// Event Grid and RBAC in the compiled ARM JSON against the app's code: each subscription targets a function
// src/main.ts registers as an Event Grid trigger, with the event types its handler acts on; the custom roles
// hold exactly the permissions table's actions; every other role assignment is a documented built-in one.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grantsByScope } from "../../src/adapters/permissions.js";
import { RESOURCE_EVENTS } from "../../src/functions/endpointEvents.js";
import { EXPIRY_EVENTS } from "../../src/functions/keyVaultEvents.js";
import { compiledTemplate, ofType, resolve, skipInfra, type Json, type Located } from "../support/infraTemplate.js";
import { registrationsOf } from "../support/registrations.js";

const handled: Record<string, Set<string>> = { onKeyVaultEvent: EXPIRY_EVENTS, onResourceEvent: RESOURCE_EVENTS };
// Built-in roles the template may grant (docs/deployment.md "Roles"): storage blob owner, queue and table
// contributor, Monitoring Metrics Publisher, Durable Task Data Contributor (all on the app's own resources), and
// Network Contributor for the Azure Cosmos DB service principal on the VNet.
const BUILT_IN = new Set(["b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
  "3913510d-42f4-4e42-8a64-420c390055eb", "0ad04412-c4d5-4796-b79c-f76d14c8d402", "4d97b98b-1d4f-4787-a291-c67834d212e7"]);

/** An expression with its `variables('x')` references replaced by their values. */
const expand = (value: Json, where: Located): string =>
  JSON.stringify(resolve(value, where)).replace(/variables\('([^']+)'\)/g, (_, name: string) => JSON.stringify(where.template.variables?.[name]));

describe.skipIf(skipInfra())("Event Grid and roles in the compiled template", () => {
  const template = skipInfra() ? {} : compiledTemplate();

  it("subscribes each Event Grid function src/main.ts registers, with exactly the event types it handles", () => {
    const subscriptions = ofType(template, "Microsoft.EventGrid/systemTopics/eventSubscriptions");
    const targeted = subscriptions.map((s) => {
      const { destination, filter } = s.resource.properties;
      expect(destination.endpointType).toBe("AzureFunction");
      const functionId = String(resolve(destination.properties.resourceId, s));
      const name = /'Microsoft\.Web\/sites\/functions', [^,]+, '([^']+)'\)\]$/.exec(functionId)?.[1] ?? functionId;
      expect([...(resolve(filter.includedEventTypes, s) as string[])].sort(), name).toEqual([...(handled[name] ?? [])].sort());
      return name;
    });
    const eventFunctions = registrationsOf("src/main.ts").filter((r) => r.trigger === "eventGridTrigger").map((r) => r.name);
    expect(targeted.sort()).toEqual(eventFunctions.sort());
    expect(eventFunctions.sort()).toEqual(Object.keys(handled).sort());
  }, 60_000);

  it("defines the custom roles from the permissions table: every action it lists and nothing else", () => {
    const definitions = ofType(template, "Microsoft.Authorization/roleDefinitions");
    expect(definitions).toHaveLength(1);
    const where = definitions[0]!;
    const generated = JSON.parse(readFileSync(new URL("../../infra/generated/appRoles.json", import.meta.url), "utf8"));
    const table = resolve("[variables('table')]", where);
    expect(table).toEqual(generated);
    const scopes = grantsByScope();
    const roles = resolve("[variables('roles')]", where) as Array<{ key: keyof typeof scopes; actions: Json; dataActions: Json }>;
    expect(roles.map((r) => r.key).sort()).toEqual(Object.keys(scopes).sort());
    for (const role of roles) {
      const granted = [...[role.actions, role.dataActions].flatMap((list) => {
        const path = typeof list === "string" ? /^\[variables\('table'\)\.(\w+)\.(\w+)\]$/.exec(list) : null;
        return path ? (table[path[1]!][path[2]!] as string[]) : (list as string[]);
      })].sort();
      expect(granted, role.key).toEqual(scopes[role.key]);
    }
    expect(expand(where.resource.properties.permissions, where)).not.toMatch(/\*/);
  });

  it("grants the app nothing but its custom roles and the documented built-in ones", () => {
    const assignments = ofType(template, "Microsoft.Authorization/roleAssignments");
    expect(assignments.length).toBeGreaterThan(5);
    for (const assignment of assignments) {
      const role = expand(assignment.resource.properties.roleDefinitionId, assignment);
      const custom = /roleId\(|parameters\('roleDefinitionId'\)|parameters\('roleNames'\)/.test(role);
      const builtIn = [...role.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]);
      expect(custom || (builtIn.length > 0 && builtIn.every((id) => BUILT_IN.has(id))), `${assignment.name}: ${role}`).toBe(true);
    }
  });
});
