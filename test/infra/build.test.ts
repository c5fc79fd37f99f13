// `npm run infra:build` with the real, pinned Bicep compiler: infra/ builds and lints with 0 errors and 0 warnings
// under infra/bicepconfig.json (the linter's rules at error). Without dotnet or bicep this skips loudly; CI fails.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appRolesUpToDate } from "../../scripts/appRoles.js";
import { summary } from "../../scripts/infraBuild.js";
import { compilerRequired, infraBuild, skipInfra } from "../support/infraTemplate.js";

describe("infra build", () => {
  it.skipIf(skipInfra())("builds and lints infra/main.bicep and its modules with 0 errors and 0 warnings", () => {
    const result = infraBuild();
    console.log(summary(result));
    expect(result.status, summary(result)).toBe("built");
    if (result.status !== "built") return;
    expect(result.diagnostics.map((d) => `${d.file}(${d.line}) ${d.rule}: ${d.message}`)).toEqual([]);
    expect([result.errors, result.warnings]).toEqual([0, 0]);
  }, 180_000);

  it("fails rather than skips in CI when no compiler is found", () => {
    if (infraBuild().status === "missing") expect(compilerRequired).toBe(false);
  }, 180_000);

  it("keeps infra/generated/appRoles.json in step with the permissions table (npm run infra:roles)", () => {
    expect(appRolesUpToDate()).toBe(true);
  });

  it("turns the linter's rules to errors, except the two that need the date or the public registry", () => {
    const rules = JSON.parse(readFileSync(new URL("../../infra/bicepconfig.json", import.meta.url), "utf8")).analyzers.core.rules as Record<string, { level: string }>;
    const notErrors = Object.entries(rules).filter(([, r]) => r.level !== "error").map(([name]) => name);
    expect(notErrors.sort()).toEqual(["use-recent-api-versions", "use-recent-module-versions"]);
    expect(Object.keys(rules).length).toBeGreaterThan(40);
  });
});
