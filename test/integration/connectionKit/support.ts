// The connection kit tests' world: the demo cluster provisioned, which issues its first certificates (CA + client
// `app`), plus a child-process runner that never blocks the event loop (the emulated nodes answer from this process).
import { spawn } from "node:child_process";
import { buildAdapters } from "../../../src/adapters/index.js";
import { type Adapters } from "../../../src/domain/ports.js";
import { loadConfig } from "../../../src/config.js";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { provisionCluster } from "../../support/rotationScenario.js";
import { DEMO_RESOURCE_GROUP } from "../../support/testIds.js";

export const CLUSTER = { resourceGroup: DEMO_RESOURCE_GROUP, clusterName: "cass-demo" } as const;
export const CLUSTER_PATH = `/api/clusters/${CLUSTER.resourceGroup}/${CLUSTER.clusterName}`;

export async function startCertifiedWorld(): Promise<LocalWorld> {
  const world = await startLocalWorld();
  try {
    await provisionCluster(world, CLUSTER.clusterName, "10.20.3.10");
    return world;
  } catch (error) {
    await world.dispose();
    throw error;
  }
}

/** The app's own adapters, wired by the environment the world set: what Key Vault and ARM hold. */
export const appAdapters = (): Adapters => buildAdapters(loadConfig(process.env));

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with stdin at end-of-file; killed after `timeoutMs` (a hang fails the test, never the run). */
export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], timeout: options.timeoutMs ?? 20_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
