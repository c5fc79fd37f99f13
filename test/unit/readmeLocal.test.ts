// The README's local commands work as written against `npm start` (issue 14): they take the nodes' port from the kit
// (9042 may belong to another run's node), the subscription from the JSON line, write the kit outside the repository,
// and the demo password they mention is the one `npm start` seeds and prints.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO } from "../../local/appEnvironment.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const shellLines = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((m) => m[1]!.split("\n"));

describe("README's local commands", () => {
  it("never dial a node on a hard-coded 9042: the port comes from the kit's cqlshrc", () => {
    expect(shellLines.filter((line) => /s_client/.test(line))).toEqual([expect.stringContaining('-connect "$IP:$CQL_PORT"')]);
    expect(shellLines.filter((line) => /:9042\b/.test(line))).toEqual([]);
    expect(shellLines).toContain("CQL_PORT=$(sed -n 's/^port *= *//p' cqlshrc)                          # 9042, or npm start's cqlPort");
  });

  it("approve with the JSON line's subscription id, not a written-out one", () => {
    const approval = shellLines.filter((line) => line.includes("privateEndpointId"));
    expect(approval).toHaveLength(1);
    expect(approval[0]).toContain("/subscriptions/'\"$SUB\"'/resourceGroups/");
    expect(readme).toContain("`SUB` is the JSON line's `subscriptionId`");
  });

  it("write kits outside the repository and need no --local against npm start", () => {
    const kits = shellLines.filter((line) => /npm run kit/.test(line));
    expect(kits.length).toBeGreaterThan(0);
    for (const line of kits) {
      expect(line).not.toMatch(/--out \.\/|--out kit\b|--local/);
    }
  });

  it("name the demo admin password npm start seeds and prints", () => {
    expect(readme).toContain(`It also prints the demo admin password (a local demo value: \`${DEMO.adminPassword}\``);
  });
});
