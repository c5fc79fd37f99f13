// host.json durableTask.defaultVersion is stamped on every instance started without a version, by a client
// or as a sub-orchestration, as the extension does; an explicit version wins. Orchestrators branch on
// context.df.version to replay instances of an older version with the older logic.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "../../local/runtime/testing.js";
import { orchestrationVersion } from "../../src/names.js";

// The oracle is the project's host.json itself (the fixture's host root), read here independently.
const hostJson = JSON.parse(readFileSync(new URL("../../host.json", import.meta.url), "utf8"));
const defaultVersion: string = hostJson.extensions.durableTask.defaultVersion;
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime({ entry: new URL("./fixtures/versions.app.ts", import.meta.url) });
});
afterAll(() => rt.dispose());

describe("orchestration versions", () => {
  it("the project sets a default version, the one the app stamps on its starts", () => {
    expect(defaultVersion).toMatch(/^\d+$/);
    expect(orchestrationVersion).toBe(defaultVersion);
  });

  it("stamps the default version on a client start and on a sub-orchestration", async () => {
    const done = await rt.waitForCompletion(rt.start("ParentReportsVersions"));
    expect(done.output).toEqual({ parent: defaultVersion, child: defaultVersion });
  });

  it("keeps an explicit version", async () => {
    const client = await rt.client();
    const id = await client.startNew("ReportVersion", { version: "1" });
    expect((await rt.waitForCompletion(id)).output).toBe("1");
  });
});
