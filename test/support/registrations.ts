// What an app entry registers, read in a child process (test/support/registrationProbe.ts) so the entry loads on
// its own: a bundle in a folder without node_modules proves it needs nothing but `@azure/functions-core`.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Registration { name: string; trigger: string; route?: string; methods?: string[] }

const probe = fileURLToPath(new URL("./registrationProbe.ts", import.meta.url));
// `--import tsx` resolves from the working directory: the repository's devDependency, not the entry's folder.
const repo = fileURLToPath(new URL("../../", import.meta.url));

/** The settings src/configSettings.ts requires, so the composition root starts. */
export const minimalSettings = { AZURE_SUBSCRIPTION_ID: "00000000-0000-4000-8000-000000000001", KEY_VAULT_URL: "https://kv.vault.azure.net" };

export function registrationsOf(entry: string, env: Record<string, string> = minimalSettings): Registration[] {
  const output = execFileSync(process.execPath, ["--import", "tsx", probe, entry], { cwd: repo, env: { ...process.env, ...env }, encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "[]") as Registration[];
}
