// Finds the Bicep CLI without a global install: the version pinned in tools/bicep/bicep.csproj, restored from
// NuGet (Azure.Bicep.CommandLine.linux-x64, whose tools/ folder holds the executable) into .tools/nuget; or,
// without dotnet, a `bicep` on PATH (then the version may differ from the pin, and the output says so).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PROJECT = join(ROOT, "tools/bicep/bicep.csproj");
const PACKAGES = join(ROOT, ".tools/nuget");
const PACKAGE_ID = "Azure.Bicep.CommandLine.linux-x64";

export type Compiler = { path: string; version: string; source: string } | { missing: string } | { failed: string };

export function pinnedVersion(): string {
  const version = /Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\[([^\]]+)\]"/.exec(readFileSync(PROJECT, "utf8"))?.[1];
  if (!version) throw new Error(`no pinned ${PACKAGE_ID} version in ${PROJECT}`);
  return version;
}

const runs = (command: string, args: string[]) => spawnSync(command, args, { encoding: "utf8" });
const versionOf = (path: string) => /(\d+\.\d+\.\d+)/.exec(runs(path, ["--version"]).stdout ?? "")?.[1];

export function findCompiler(log: (line: string) => void = () => {}): Compiler {
  const pinned = pinnedVersion();
  const restored = join(PACKAGES, PACKAGE_ID.toLowerCase(), pinned, "tools", "bicep");
  const nativeTarget = process.platform === "linux" && process.arch === "x64";
  if (nativeTarget && existsSync(restored)) return { path: restored, version: pinned, source: `${PACKAGE_ID} ${pinned} (.tools/nuget)` };
  const dotnet = runs("dotnet", ["--version"]);
  if (nativeTarget && dotnet.status === 0) {
    log(`restoring ${PACKAGE_ID} ${pinned} into .tools/nuget (dotnet ${dotnet.stdout.trim()}; once)`);
    const restore = spawnSync("dotnet", ["restore", PROJECT, "--packages", PACKAGES, "--nologo", "-v", "quiet"], { encoding: "utf8" });
    if (restore.status !== 0 || !existsSync(restored)) {
      return { failed: `dotnet restore of ${PACKAGE_ID} ${pinned} failed:\n${restore.stdout}${restore.stderr}` };
    }
    return { path: restored, version: pinned, source: `${PACKAGE_ID} ${pinned} (.tools/nuget)` };
  }
  const onPath = versionOf("bicep");
  if (onPath) return { path: "bicep", version: onPath, source: `bicep on PATH ${onPath}${onPath === pinned ? "" : ` (pinned: ${pinned})`}` };
  return { missing: `neither dotnet (to restore ${PACKAGE_ID} ${pinned}) nor bicep is on PATH` };
}
