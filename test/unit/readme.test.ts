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

  it("starts with the two commands", () => {
    expect(readme.indexOf("npm ci")).toBeLessThan(readme.indexOf("## "));
    expect(readme.indexOf("npm start")).toBeLessThan(readme.indexOf("## "));
    expect(readme.indexOf("npm test")).toBeLessThan(readme.indexOf("## "));
  });
});
