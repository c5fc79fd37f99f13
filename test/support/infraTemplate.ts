// The ARM JSON the real Bicep compiler makes of infra/main.bicep (scripts/infraBuild.ts, cached), and a walk over
// it: every resource of the main template and of each module's nested template, with the template it sits in and
// the module deployment that holds it (to follow a module parameter to the value its parent passes).
import { readFileSync } from "node:fs";
import { buildInfra, summary, type InfraBuild } from "../../scripts/infraBuild.js";

export type Json = any;

export interface Located {
  name: string;
  resource: Json;
  template: Json;
  /** The module (`Microsoft.Resources/deployments`) whose template this is; undefined in the main template. */
  module?: Located;
}

/** CI (CI=true, or REQUIRE_BICEP=1) must have the compiler; elsewhere its absence skips, loudly. */
export const compilerRequired = process.env.CI === "true" || process.env.REQUIRE_BICEP === "1";

let built: InfraBuild | undefined;
export function infraBuild(): InfraBuild {
  built ??= buildInfra();
  if (built.status === "missing" && !compilerRequired) {
    console.warn(`\n!!! BICEP TESTS SKIPPED: ${summary(built)}.\n!!! Install the .NET SDK (dotnet) to compile infra/ here; CI requires it.\n`);
  }
  return built;
}

export const skipInfra = (): boolean => infraBuild().status === "missing" && !compilerRequired;

export function compiledTemplate(): Json {
  const result = infraBuild();
  if (result.status !== "built") throw new Error(summary(result));
  return JSON.parse(readFileSync(result.templatePath, "utf8"));
}

const entries = (resources: Json): Array<[string, Json]> =>
  Array.isArray(resources) ? resources.map((r, i) => [String(i), r]) : Object.entries(resources ?? {});

export function allResources(template: Json, module?: Located["module"]): Located[] {
  return entries(template.resources).flatMap(([name, resource]) => {
    const here: Located = { name, resource, template, ...(module ? { module } : {}) };
    if (resource.type !== "Microsoft.Resources/deployments") return [here];
    return [here, ...allResources(resource.properties.template, here)];
  });
}

export const ofType = (template: Json, type: string): Located[] =>
  allResources(template).filter((r) => r.resource.type?.toLowerCase() === type.toLowerCase());

/** Follows `[parameters('x')]` to what the module's parent passes and `[variables('x')]` to its value. */
export function resolve(value: Json, where: Pick<Located, "template" | "module">): Json {
  if (typeof value !== "string") return value;
  const variable = /^\[variables\('([^']+)'\)\]$/.exec(value)?.[1];
  if (variable !== undefined) return resolve(where.template.variables?.[variable], where);
  const parameter = /^\[parameters\('([^']+)'\)\]$/.exec(value)?.[1];
  if (parameter !== undefined && where.module) {
    return resolve(where.module.resource.properties.parameters?.[parameter]?.value, where.module);
  }
  return value;
}
