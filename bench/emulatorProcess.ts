// The measured emulator in a child process of its own (`npm run emulator`): the bench's app, runtime and emulator
// would otherwise share one Node thread, and the run would measure that thread rather than the ARM throttle.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { createInterface } from "node:readline";

export interface EmulatorProcess {
  armEndpoint: string;
  keyVaultUrl: string;
  caCertPath: string;
  caCertPem: string;
  controlUrl: string;
  cqlPort: number;
  nodeCaCertPath: string;
  /** GET /_emulator/requests' summary (counts since the last clear). */
  summary(): Promise<{ armWrites: number; throttled: number; total: number }>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [...(process.env.PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF_DIR}`] : []), "--import", "tsx", "local/emulator/cli.ts", "--port", "0", "--cql-port", "0", ...args],
    { stdio: ["ignore", "pipe", "inherit"] });
  // A bench that fails half-way still stops the emulator it started.
  const stop = () => child.kill("SIGTERM");
  process.once("exit", stop);
  const line = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).once("line", resolve);
  });
  const ready = JSON.parse(line) as Omit<EmulatorProcess, "caCertPem" | "summary" | "clearRequests" | "close">;
  const caCertPem = readFileSync(ready.caCertPath, "utf8");
  // The control API is served over the emulator's own TLS: trust its root for these calls only.
  const control = (method: string, path: string) => new Promise<string>((resolve, reject) => {
    const req = request(`${ready.controlUrl}${path}`, { method, ca: caCertPem }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve(body));
    });
    req.on("error", reject).end();
  });
  return {
    ...ready, caCertPem,
    summary: async () => (JSON.parse(await control("GET", "/requests")) as { summary: { armWrites: number; throttled: number; total: number } }).summary,
    clearRequests: async () => void (await control("DELETE", "/requests")),
    close: () => new Promise<void>((resolve) => {
      process.off("exit", stop);
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}
