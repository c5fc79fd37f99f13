// The README's configuration table is the user's reference: every setting, its form and default, as the code has them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { settings } from "../../src/configSettings.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README", () => {
  it.each(Object.entries(settings))("documents %s with its form and default", (name, setting) => {
    const fallback = "default" in setting ? `\`${setting.default}\`` : "optional" in setting ? "(unset)" : "**required**";
    expect(readme).toContain(`| \`${name}\` | ${setting.form} | ${fallback} | ${setting.purpose} |`);
  });

  it("opens with the install, run and test commands, before its first section", () => {
    const firstSection = readme.search(/^## /m);
    expect(firstSection, "where the README's first ## section starts").toBeGreaterThan(0);
    const intro = readme.slice(0, firstSection);
    const block = /^```sh\n([\s\S]*?)^```$/m.exec(intro);
    expect(block, "a sh code block before the first ## section").not.toBeNull();
    const commands = block![1]!.split("\n").map((line) => line.replace(/#.*$/, "").trim()).filter(Boolean);
    expect(commands).toEqual(["npm ci", "npm start", "npm test"]);
  });
});
